package io.cardstore.aws.activation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.cardstore.aws.account.Account;
import io.cardstore.aws.account.Accounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.mail.MailException;
import org.springframework.util.StringUtils;

/**
 * Sends the activation mail for each request on the queue. The account is marked MAIL_SENT
 * with a conditional write before the mail goes out, so a redelivered request sends no second
 * mail; if sending fails the mark is undone and the request comes back to be tried again.
 * A request that cannot be read fails every time and ends in the dead-letter queue.
 */
public class ActivationMailListener {

	private static final Log logger = LogFactory.getLog(ActivationMailListener.class);

	private final Accounts accounts;

	private final ActivationMail mail;

	private final Duration tokenValidity;

	private final Clock clock;

	public ActivationMailListener(Accounts accounts, ActivationMail mail, Duration tokenValidity, Clock clock) {
		this.accounts = accounts;
		this.mail = mail;
		this.tokenValidity = tokenValidity;
		this.clock = clock;
	}

	@SqsListener("${cardstore.aws.activation.queue:cardstore-activation}")
	public void onActivationRequest(ActivationRequest request) {
		check(request);
		Account account = this.accounts.find(request.username()).orElse(null);
		if (account == null) {
			logger.warn("Activation requested for an unknown account '" + request.username() + "'; dropped");
			return;
		}
		ActivationToken token = ActivationToken.generate();
		if (!this.accounts.markActivationMailSent(account.username(), token.hash(),
				this.clock.instant().plus(this.tokenValidity))) {
			logger.info("Activation mail for '" + account.username() + "' already sent; request ignored");
			return;
		}
		try {
			this.mail.send(account, request.activationBaseUrl(), token);
		}
		catch (MailException ex) {
			this.accounts.unmarkActivationMailSent(account.username(), token.hash());
			throw ex;
		}
	}

	private static void check(ActivationRequest request) {
		if (request == null || !StringUtils.hasText(request.username())
				|| !StringUtils.hasText(request.activationBaseUrl())) {
			throw new IllegalArgumentException("Malformed activation request: " + request);
		}
		URI base = URI.create(request.activationBaseUrl());
		if (!base.isAbsolute() || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
			throw new IllegalArgumentException("Activation base URL is not an http(s) address: " + base);
		}
	}

}
