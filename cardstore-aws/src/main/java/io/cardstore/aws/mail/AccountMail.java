package io.cardstore.aws.activation;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.cardstore.aws.account.Account;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** The activation mail: an HTML message with the link that activates the account. */
public class ActivationMail {

	public static final String SUBJECT = "Activate your Digital Card Store account";

	private final JavaMailSender mailSender;

	private final String from;

	public ActivationMail(JavaMailSender mailSender, String from) {
		this.mailSender = mailSender;
		this.from = from;
	}

	public void send(Account account, String activationBaseUrl, ActivationToken token) {
		URI link = link(activationBaseUrl, account.username(), token.value());
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper mail = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			mail.setFrom(this.from);
			mail.setTo(account.email());
			mail.setSubject(SUBJECT);
			String href = HtmlUtils.htmlEscape(link.toString());
			mail.setText("Hello " + account.name() + ",\n\nOpen this link to activate your account: " + link
					+ "\n\nThe link works once and for 24 hours.",
					"<p>Hello " + HtmlUtils.htmlEscape(account.name()) + ",</p>"
							+ "<p><a href=\"" + href + "\">Activate your account</a></p>"
							+ "<p>The link works once and for 24 hours. If you did not register, ignore this mail.</p>");
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		this.mailSender.send(message);
	}

	static URI link(String activationBaseUrl, String username, String token) {
		// Expanded as variables so that every reserved character, '+' included, is encoded.
		return UriComponentsBuilder.fromUriString(activationBaseUrl)
			.path("/activate")
			.queryParam("username", "{username}")
			.queryParam("token", "{token}")
			.encode()
			.buildAndExpand(username, token)
			.toUri();
	}

}
