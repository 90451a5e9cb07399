package io.cardstore.web.account;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/**
 * Which passwords the store accepts when one is chosen (registration, change, reset): 12
 * to 128 characters, not containing the user's own name or address, and not easy to guess
 * by zxcvbn's estimate (nbvcxz, with its dictionaries of common passwords, words, names
 * and keyboard patterns; ASVS 6.2.11 and 6.2.12).
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	/**
	 * The estimate reads the first 64 characters with a time limit, so that no password
	 * an anonymous visitor sends can keep a thread busy; 64 characters that are hard to
	 * guess stay hard to guess with more after them. One estimator per language of the
	 * store, made at first use, for the language of its suggestions.
	 */
	private final Map<Locale, Nbvcxz> estimators = new ConcurrentHashMap<>();

	private final MessageSourceAccessor messages;

	public PasswordPolicy(MessageSourceAccessor messages) {
		this.messages = messages;
	}

	/**
	 * @param username the user's name in the store
	 * @param name the user's own name, or {@code null} where it is not at hand
	 * @param email the user's e-mail address, or {@code null}; neither it nor its part
	 * before the {@code @} may be in the password
	 * @return what is wrong with the password, as a message for the form in the request's
	 * language, or empty when it is accepted
	 */
	public Optional<String> problemWith(String password, String username, String name, String email) {
		Locale locale = LocaleContextHolder.getLocale();
		int length = (password != null) ? password.codePointCount(0, password.length()) : 0;
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			return Optional.of(this.messages.getMessage("password.length", new Object[] { MIN_LENGTH, MAX_LENGTH }));
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String mailbox = (email != null && email.indexOf('@') > 0) ? email.substring(0, email.indexOf('@')) : null;
		for (String word : new String[] { username, name, email, mailbox }) {
			String known = (word != null) ? word.strip().toLowerCase(Locale.ROOT) : "";
			if (known.length() >= 3 && lower.contains(known)) {
				return Optional.of(this.messages.getMessage("password.personal"));
			}
		}
		// Keyed by the store's two languages only: an estimator holds megabytes of
		// dictionaries.
		Locale language = Locale.GERMAN.getLanguage().equals(locale.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
		Result estimate = this.estimators.computeIfAbsent(language, PasswordPolicy::estimator).estimate(password);
		if (!estimate.isMinimumEntropyMet()) {
			// nbvcxz has its suggestions in German as well as English.
			String suggestion = String.join(" ", estimate.getFeedback().getSuggestion());
			return Optional.of((this.messages.getMessage("password.guessable") + " " + suggestion).strip());
		}
		return Optional.empty();
	}

	private static Nbvcxz estimator(Locale locale) {
		return new Nbvcxz(new ConfigurationBuilder().setMaxLength(64)
			.setCombinationAlgorithmTimeout(100L)
			.setLocale(locale)
			.createConfiguration());
	}

}
