package io.cardstore.aws.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.cardstore.aws.account.Account;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The mails an account receives: HTML and text, with a link that activates the account or
 * sets a new password. Links start with the store's configured public address.
 */
public class AccountMail {

	public static final String ACTIVATION_SUBJECT = "Activate your Digital Card Store account";

	public static final String PASSWORD_RESET_SUBJECT = "Set a new password for your Digital Card Store account";

	private final JavaMailSender mailSender;

	private final String from;

	private final URI publicUrl;

	public AccountMail(JavaMailSender mailSender, String from, URI publicUrl) {
		this.mailSender = mailSender;
		this.from = from;
		this.publicUrl = publicUrl;
	}

	public void sendActivation(Account account, LinkToken token, Duration validity) {
		URI link = link("/activate", account.username(), token.value());
		send(account, ACTIVATION_SUBJECT, link, "Open this link to activate your account", "Activate your account",
				"The link works once and for " + inWords(validity) + ". If you did not register, ignore this mail.");
	}

	public void sendPasswordReset(Account account, LinkToken token, Duration validity) {
		URI link = link("/password/reset", account.username(), token.value());
		send(account, PASSWORD_RESET_SUBJECT, link, "Open this link to choose a new password", "Choose a new password",
				"The link works once and for " + inWords(validity)
						+ ". If you did not ask for it, ignore this mail: your password stays as it is.");
	}

	private void send(Account account, String subject, URI link, String textLead, String linkText, String footer) {
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper mail = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			mail.setFrom(this.from);
			mail.setTo(account.email());
			mail.setSubject(subject);
			String href = HtmlUtils.htmlEscape(link.toString());
			// The greeting names the account by its user name, whose syntax is fixed: the name a
			// registration form takes is free text, and this mail may go to anyone's address.
			mail.setText("Hello " + account.username() + ",\n\n" + textLead + ": " + link + "\n\n" + footer,
					"<p>Hello " + HtmlUtils.htmlEscape(account.username()) + ",</p>" + "<p><a href=\"" + href
							+ "\">" + linkText + "</a></p>" + "<p>" + HtmlUtils.htmlEscape(footer) + "</p>");
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		this.mailSender.send(message);
	}

	URI link(String path, String username, String token) {
		// Expanded as variables so that every reserved character, '+' included, is encoded.
		return UriComponentsBuilder.fromUri(this.publicUrl)
			.path(path)
			.queryParam("username", "{username}")
			.queryParam("token", "{token}")
			.encode()
			.buildAndExpand(username, token)
			.toUri();
	}

	/** "24 hours", "30 minutes": how long a link works, as the mail says it. */
	static String inWords(Duration duration) {
		if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toHours() > 0) {
			return plural(duration.toHours(), "hour");
		}
		return plural(Math.max(1, duration.toMinutes()), "minute");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
