package io.cardstore.aws.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.LinkToken;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The mails an account receives, in the language of the page that asked for them: text
 * and HTML from the Thymeleaf templates {@code mail/account-mail.txt} and {@code .html},
 * with each mail's words in {@code mail/messages*.properties}, and a link that opens the
 * page activating the account or setting a new password. Links start with the store's
 * configured public address.
 */
public class AccountMail {

	private static final String MESSAGES = "mail/messages";

	private final JavaMailSender mailSender;

	private final String from;

	private final URI publicUrl;

	private final MessageSource messages = messages();

	// The store's own engine, not a bean: one in the context would replace the pages'
	// engine.
	private final SpringTemplateEngine templates = templates(this.messages);

	public AccountMail(JavaMailSender mailSender, String from, URI publicUrl) {
		this.mailSender = mailSender;
		this.from = from;
		this.publicUrl = publicUrl;
	}

	public void sendActivation(Account account, LinkToken token, Duration validity, Locale locale) {
		send(account, "activation", link("/activate", account.username(), token.value()), validity, locale);
	}

	public void sendPasswordReset(Account account, LinkToken token, Duration validity, Locale locale) {
		send(account, "password-reset", link("/password/reset", account.username(), token.value()), validity, locale);
	}

	/**
	 * The subject of a mail ({@code activation} or {@code password-reset}) in a language.
	 */
	public String subject(String mail, Locale locale) {
		return this.messages.getMessage("mail." + mail + ".subject", null, locale);
	}

	private void send(Account account, String mail, URI link, Duration validity, Locale locale) {
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			// The greeting names the account by its user name, whose syntax is fixed: the
			// name a
			// registration form takes is free text, and this mail may go to anyone's
			// address.
			Context context = new Context(locale, Map.of("mail", mail, "username", account.username(), "link",
					link.toString(), "validity", inWords(validity, locale)));
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(account.email());
			helper.setSubject(subject(mail, locale));
			helper.setText(this.templates.process("account-mail.txt", context),
					this.templates.process("account-mail.html", context));
		}
		catch (MessagingException | RuntimeException ex) {
			// A MailException, as a failure to send is: the listener then undoes its
			// record of the
			// mail, and the request comes back to be tried again.
			throw new MailPreparationException("Could not write the " + mail + " mail", ex);
		}
		this.mailSender.send(message);
	}

	URI link(String path, String username, String token) {
		// Expanded as variables so that every reserved character, '+' included, is
		// encoded.
		return UriComponentsBuilder.fromUri(this.publicUrl)
			.path(path)
			.queryParam("username", "{username}")
			.queryParam("token", "{token}")
			.encode()
			.buildAndExpand(username, token)
			.toUri();
	}

	/** "24 hours", "30 Minuten": how long a link works, as the mail says it. */
	String inWords(Duration duration, Locale locale) {
		if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toHours() > 0) {
			return this.messages.getMessage("mail.validity.hours", new Object[] { duration.toHours() }, locale);
		}
		return this.messages.getMessage("mail.validity.minutes", new Object[] { Math.max(1, duration.toMinutes()) },
				locale);
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename(MESSAGES);
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		// A language the store has no mail in gets English, whatever the machine's own
		// language.
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static SpringTemplateEngine templates(MessageSource messages) {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(".txt", TemplateMode.TEXT));
		engine.addTemplateResolver(resolver(".html", TemplateMode.HTML));
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

	private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(AccountMail.class.getClassLoader());
		resolver.setPrefix("mail/");
		resolver.setResolvablePatterns(Set.of("*" + suffix));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		return resolver;
	}

}
