package io.cardstore.aws.mail;

import io.awspring.cloud.sqs.operations.SqsTemplate;

/**
 * Puts account mail requests on the SQS queue; the mail is sent by
 * {@link AccountMailListener}.
 */
public class AccountMailRequests {

	private final SqsTemplate sqs;

	private final String queue;

	public AccountMailRequests(SqsTemplate sqs, String queue) {
		this.sqs = sqs;
		this.queue = queue;
	}

	public void publish(AccountMailRequest request) {
		this.sqs.send(to -> to.queue(this.queue).payload(request));
	}

}
