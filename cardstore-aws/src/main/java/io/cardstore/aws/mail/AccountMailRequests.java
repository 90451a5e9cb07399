package io.cardstore.aws.activation;

import io.awspring.cloud.sqs.operations.SqsTemplate;

/** Puts activation requests on the SQS queue; the mail is sent by {@link ActivationMailListener}. */
public class ActivationRequests {

	private final SqsTemplate sqs;

	private final String queue;

	public ActivationRequests(SqsTemplate sqs, String queue) {
		this.sqs = sqs;
		this.queue = queue;
	}

	public void publish(ActivationRequest request) {
		this.sqs.send(to -> to.queue(this.queue).payload(request));
	}

}
