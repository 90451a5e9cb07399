package io.cardstore.local;

import java.util.List;

import io.cardstore.testing.mail.MailCatcher;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * For local runs only: a page listing the mails the store sent, with their links, and a line
 * in the console that says where the store and the inbox are. Its package is outside the
 * application's component scan, so tests never pick it up.
 */
@TestConfiguration(proxyBeanMethods = false)
class LocalMailInbox {

	static volatile MailCatcher catcher;

	@Bean
	@Order(0)
	SecurityFilterChain localMailInboxSecurity(HttpSecurity http) {
		return http.securityMatcher("/dev/**").authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
	}

	@EventListener
	void announce(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String url = "http://localhost:" + environment.getProperty("local.server.port");
		System.out.println();
		System.out.println("CardStore is running at " + url);
		System.out.println("Activation mails arrive at " + url + "/dev/mail");
		System.out.println("Ctrl-C stops the store and its backing services.");
		System.out.println();
	}

	/** Registered as a member of this configuration. */
	@RestController
	static class Inbox {

		@GetMapping(path = "/dev/mail", produces = MediaType.TEXT_HTML_VALUE)
		String inbox() throws MessagingException {
			StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
					+ "<title>Local mail</title><link rel=\"stylesheet\" href=\"/css/cardstore.css\"></head><body><main>"
					+ "<h1>Mail sent by the local store</h1>");
			List<MimeMessage> messages = catcher.messages();
			if (messages.isEmpty()) {
				page.append("<p>No mail yet. Register to get an activation mail.</p>");
			}
			for (MimeMessage message : messages) {
				page.append("<section class=\"panel\"><h2>")
					.append(HtmlUtils.htmlEscape(message.getSubject()))
					.append("</h2><p>To ")
					.append(HtmlUtils.htmlEscape(String.valueOf(message.getAllRecipients()[0])))
					.append("</p><pre style=\"white-space: pre-wrap\">")
					.append(HtmlUtils.htmlEscape(GreenMailUtil.getBody(message)))
					.append("</pre></section>");
			}
			return page.append("</main></body></html>").toString();
		}

	}

}
