package io.cardstore.local;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import io.cardstore.local.LocalMailInbox.Mail;
import io.cardstore.local.LocalMailInbox.Segment;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local inbox reads a mail as the store sends it: text and HTML alternatives in a
 * multipart tree.
 */
class LocalMailInboxTests {

	@Test
	void theTextPartWithItsLinksLeadingToThisStore() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		MimeMessageHelper mail = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
		mail.setFrom("no-reply@cardstore.local");
		mail.setTo("alice@example.com");
		mail.setSubject("Activate <your> account");
		mail.setSentDate(new Date(0));
		mail.setText("Hello Alice,\n\nOpen this link: http://localhost:8080/activate?username=alice&token=abc\n\nBye",
				"<p>Hello Alice,</p><p><a href=\"http://localhost:8080/activate?username=alice&amp;token=abc\">Activate</a></p>");
		message.saveChanges();

		Mail read = Mail.of(message, link -> link.replace("http://localhost:8080", "http://localhost:41234"));

		assertThat(read.subject()).isEqualTo("Activate <your> account");
		assertThat(read.to()).isEqualTo("alice@example.com");
		assertThat(read.from()).isEqualTo("no-reply@cardstore.local");
		assertThat(read.sentAt()).isEqualTo("1970-01-01T00:00:00Z");
		assertThat(read.lines()).hasSize(5);
		assertThat(read.lines().get(2)).containsExactly(new Segment("Open this link: ", null),
				new Segment("http://localhost:41234/activate?username=alice&token=abc",
						"http://localhost:41234/activate?username=alice&token=abc"));
		assertThat(read.lines().get(1)).isEmpty();
	}

	@Test
	void aLineOfTextAroundTwoLinks() {
		List<Segment> segments = Segment.split("a http://x/1 b https://y/2", link -> link);

		assertThat(segments).containsExactly(new Segment("a ", null), new Segment("http://x/1", "http://x/1"),
				new Segment(" b ", null), new Segment("https://y/2", "https://y/2"));
	}

}
