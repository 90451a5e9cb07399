package io.cardstore.local;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.mail.MailCatcher;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page that shows the mails the store sent, newest first, at {@code /dev/mail}:
 * subject, sender, recipient, time and the text with its links, and a link to look again.
 * For local runs and the browser test only ({@code @Import(LocalMailInbox.class)}): its
 * package is outside the application's component scan, so no other test, and never the
 * application jar, has it. It shows every mail of its {@link MailCatcher}, which every
 * test application of a test JVM shares.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalMailInbox {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

	/**
	 * The catcher the test applications of this JVM send to, unless a local run registers
	 * its own.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	MailCatcher mailCatcher() {
		return MailCatcher.shared();
	}

	/**
	 * Anyone may read it: only a local run or a test has it. The store's policy forbids
	 * scripts and framing here too.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain localMailInboxSecurity(HttpSecurity http) {
		return http.securityMatcher("/dev/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp
				.policyDirectives("default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")))
			.build();
	}

	/** Registered as a member of this configuration. */
	@Controller
	static class Inbox {

		private final MailCatcher catcher;

		private final String publicUrl;

		Inbox(MailCatcher catcher, @Value("${cardstore.public-url:}") String publicUrl) {
			this.catcher = catcher;
			this.publicUrl = publicUrl;
		}

		@GetMapping("/dev/mail")
		String inbox(Model model) throws MessagingException, IOException {
			// Links in mail start with the store's public address, while a test
			// application listens on a
			// port of its own: here they lead to the store this page is served by. Honest
			// for a local
			// inbox, where both name this machine; real mail keeps the public address.
			String origin = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
			UnaryOperator<String> toThisStore = link -> (!this.publicUrl.isEmpty() && link.startsWith(this.publicUrl))
					? origin + link.substring(this.publicUrl.length()) : link;
			List<Mail> mails = new ArrayList<>();
			for (MimeMessage message : this.catcher.messages()) {
				mails.add(Mail.of(message, toThisStore));
			}
			// The catcher keeps them in the order they arrived.
			Collections.reverse(mails);
			model.addAttribute("mails", mails);
			return "dev/mail";
		}

	}

	/**
	 * A mail as the page shows it.
	 *
	 * @param subject its subject
	 * @param from its sender
	 * @param to its recipients
	 * @param sentAt when it was sent, as ISO 8601 for {@code <time>}, or empty
	 * @param sent the same in words, or empty
	 * @param lines its text, line by line, each split into text and links
	 */
	record Mail(String subject, String from, String to, String sentAt, String sent, List<List<Segment>> lines) {

		static Mail of(MimeMessage message, UnaryOperator<String> links) throws MessagingException, IOException {
			Date date = message.getSentDate();
			String text = MailCatcher.part(message, "text/plain").orElse("(This mail has no text part.)");
			List<List<Segment>> lines = text.lines().map(line -> Segment.split(line, links)).toList();
			return new Mail(String.valueOf(message.getSubject()), addresses(message.getFrom()),
					addresses(message.getAllRecipients()), (date != null) ? date.toInstant().toString() : "",
					(date != null) ? TIME.format(date.toInstant().atZone(ZoneId.systemDefault())) : "", lines);
		}

		private static String addresses(Address[] addresses) {
			return (addresses != null) ? String.join(", ", Arrays.stream(addresses).map(Address::toString).toList())
					: "";
		}

	}

	/**
	 * Some text of a line, or a link.
	 *
	 * @param text what the page shows
	 * @param href where it leads, for a link; {@code null} for text
	 */
	record Segment(String text, @Nullable String href) {

		static List<Segment> split(String line, UnaryOperator<String> links) {
			List<Segment> segments = new ArrayList<>();
			Matcher link = LINK.matcher(line);
			int end = 0;
			while (link.find()) {
				if (link.start() > end) {
					segments.add(new Segment(line.substring(end, link.start()), null));
				}
				String href = links.apply(link.group());
				segments.add(new Segment(href, href));
				end = link.end();
			}
			if (end < line.length()) {
				segments.add(new Segment(line.substring(end), null));
			}
			return segments;
		}

	}

}
