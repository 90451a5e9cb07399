package io.cardstore.testing.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.SharedService;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server that keeps every message it receives (GreenMail), for tests and local runs.
 * It runs in the JVM that starts it, so it needs no Docker engine with either provider.
 */
public final class MailCatcher implements AutoCloseable {

	private static final SharedService<MailCatcher> SHARED = new SharedService<>(MailCatcher::start);

	private final GreenMail greenMail;

	private MailCatcher(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public static MailCatcher start() {
		GreenMail greenMail = new GreenMail(new ServerSetup(NativeProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new MailCatcher(greenMail);
	}

	/** A mail catcher shared by every test in this JVM. */
	public static MailCatcher shared() {
		return SHARED.get();
	}

	public int smtpPort() {
		return this.greenMail.getSmtp().getPort();
	}

	/** Every message received so far, oldest first. */
	public List<MimeMessage> messages() {
		return List.of(this.greenMail.getReceivedMessages());
	}

	/** The messages received for one address. */
	public List<MimeMessage> messagesTo(String address) {
		return messages().stream().filter(message -> isAddressedTo(message, address)).toList();
	}

	private static boolean isAddressedTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients)
				.anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	/** Spring Boot's mail properties for this server; SES is switched off. */
	public Map<String, String> connectionProperties() {
		return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(smtpPort()),
				"spring.cloud.aws.ses.enabled", "false");
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
