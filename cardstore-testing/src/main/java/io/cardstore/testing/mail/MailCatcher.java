package io.cardstore.testing.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.SharedService;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server that keeps every message it receives (GreenMail), for tests and local
 * runs. It runs in the JVM that starts it, so it needs no Docker engine with either
 * provider.
 */
public final class MailCatcher implements AutoCloseable {

	private static final SharedService<MailCatcher> SHARED = new SharedService<>(MailCatcher::start);

	private final GreenMail greenMail;

	private MailCatcher(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public static MailCatcher start() {
		GreenMail greenMail = new GreenMail(
				new ServerSetup(NativeProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
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
			return recipients != null
					&& Arrays.stream(recipients).anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	/**
	 * The link to a path ({@code /activate}, {@code /password/reset}) in the latest mail
	 * to an address, waiting up to 30 seconds for one to arrive.
	 */
	public URI awaitLink(String address, String path) {
		Pattern link = Pattern
			.compile("https?://[^\\s\"<>]+?" + Pattern.quote(path) + "\\?username=[^&\\s\"<>]+&token=[A-Za-z0-9_-]+");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			List<MimeMessage> received = messagesTo(address);
			for (int i = received.size() - 1; i >= 0; i--) {
				Matcher found = link.matcher(part(received.get(i), "text/plain").orElse(""));
				if (found.find()) {
					return URI.create(found.group());
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("No mail to " + address + " with a link to " + path + " in 30 s");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * The first part of a type ({@code text/plain}, {@code text/html}) that is not an
	 * attachment, however deep in the multipart tree (mixed, related, alternative),
	 * decoded: a mail whose text is not ASCII travels quoted-printable, which breaks a
	 * link's {@code =} and long lines.
	 */
	public static Optional<String> part(Part part, String mimeType) {
		try {
			if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				return Optional.of(part.getContent().toString());
			}
			if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					Optional<String> found = part(multipart.getBodyPart(i), mimeType);
					if (found.isPresent()) {
						return found;
					}
				}
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Unreadable mail", ex);
		}
	}

	/**
	 * A link from a mail, on the store under test: the path and query of the link at
	 * another address. Every test application and replica in a test JVM takes its mail
	 * requests from one queue and builds links from the same public address
	 * ({@code cardstore.public-url}), while each listens on a port of its own.
	 */
	public static String on(String storeUrl, URI link) {
		return storeUrl + link.getRawPath() + "?" + link.getRawQuery();
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
