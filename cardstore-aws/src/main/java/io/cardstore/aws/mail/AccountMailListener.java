package io.cardstore.aws.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.cardstore.aws.mail.AccountMailRequest.Purpose;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.LinkToken;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.mail.MailException;
import org.springframework.util.StringUtils;

/**
 * Sends the mail each request on the queue asks for. Before a mail goes out, the account
 * records the hash of its link's token with a conditional write that a redelivered
 * request cannot repeat, so each request sends one mail; if sending fails the record is
 * undone and the request comes back to be tried again. A request that cannot be read
 * fails every time and ends in the dead-letter queue.
 */
public class AccountMailListener {

	/**
	 * The queue of account mail requests unless {@code cardstore.aws.activation.queue}
	 * names another.
	 */
	public static final String DEFAULT_QUEUE = "cardstore-activation";

	private static final Log logger = LogFactory.getLog(AccountMailListener.class);

	private final Accounts accounts;

	private final AccountMail mail;

	private final Duration activationValidity;

	private final Duration resetValidity;

	private final Duration resetResendAfter;

	private final Clock clock;

	private final ObservationRegistry observations;

	/**
	 * @param activationValidity how long an activation link works
	 * @param resetValidity how long a password reset link works
	 * @param resetResendAfter how long after a reset mail an account gets the next one
	 */
	public AccountMailListener(Accounts accounts, AccountMail mail, Duration activationValidity, Duration resetValidity,
			Duration resetResendAfter, Clock clock, ObservationRegistry observations) {
		this.observations = observations;
		this.accounts = accounts;
		this.mail = mail;
		this.activationValidity = activationValidity;
		this.resetValidity = resetValidity;
		this.resetResendAfter = resetResendAfter;
		this.clock = clock;
	}

	/**
	 * Handles one request, observed as {@code cardstore.mail.requests} with its purpose
	 * and outcome ({@code sent}, {@code skipped}, {@code unknown-account}, or
	 * {@code none} for one in flight or failed, whose error the observation names): the
	 * timer Spring Boot makes of it counts the mail sent and the listener's failures.
	 */
	@SqsListener("${cardstore.aws.activation.queue:" + DEFAULT_QUEUE + "}")
	public void onRequest(AccountMailRequest request) {
		Observation observation = Observation.createNotStarted("cardstore.mail.requests", this.observations)
			.lowCardinalityKeyValue("purpose",
					(request != null && request.purpose() == Purpose.PASSWORD_RESET) ? "password-reset" : "activation")
			.lowCardinalityKeyValue("outcome", "none");
		observation.observe(() -> observation.lowCardinalityKeyValue("outcome", handle(request)));
	}

	private String handle(AccountMailRequest request) {
		if (request == null || !StringUtils.hasText(request.username())) {
			throw new IllegalArgumentException("Malformed account mail request: " + request);
		}
		Account account = this.accounts.find(request.username()).orElse(null);
		if (account == null) {
			// A reset asked for a name with no account, as anyone may: the answer looked
			// the same.
			logger.info("Mail requested for an unknown account '" + request.username() + "'; dropped");
			return "unknown-account";
		}
		// Requests queued by earlier versions name no purpose: they all asked for
		// activation.
		boolean sent = (request.purpose() == null || request.purpose() == Purpose.ACTIVATION)
				? sendActivation(account, request.locale())
				: sendPasswordReset(account, request.requestId(), request.locale());
		return sent ? "sent" : "skipped";
	}

	private boolean sendActivation(Account account, Locale locale) {
		LinkToken token = LinkToken.generate();
		if (!this.accounts.markActivationMailSent(account.username(), token.hash(),
				this.clock.instant().plus(this.activationValidity))) {
			logger.info("Activation mail for '" + account.username() + "' already sent; request ignored");
			return false;
		}
		try {
			this.mail.sendActivation(account, token, this.activationValidity, locale);
			return true;
		}
		catch (MailException ex) {
			this.accounts.unmarkActivationMailSent(account.username(), token.hash());
			throw ex;
		}
	}

	private boolean sendPasswordReset(Account account, String requestId, Locale locale) {
		if (!StringUtils.hasText(requestId)) {
			throw new IllegalArgumentException("Password reset request without an id for '" + account.username() + "'");
		}
		LinkToken token = LinkToken.generate();
		Instant now = this.clock.instant();
		// A link issued less than resend-after ago expires after this: no new link, no
		// new mail.
		if (!this.accounts.startPasswordReset(account.username(), token.hash(), now.plus(this.resetValidity), requestId,
				now.plus(this.resetValidity).minus(this.resetResendAfter))) {
			logger.info("Password reset for '" + account.username() + "' not sent: the account is not active, "
					+ "this request was handled already, or a link went out less than " + this.resetResendAfter
					+ " ago");
			return false;
		}
		try {
			this.mail.sendPasswordReset(account, token, this.resetValidity, locale);
			return true;
		}
		catch (MailException ex) {
			this.accounts.cancelPasswordReset(account.username(), token.hash());
			throw ex;
		}
	}

}
