package io.cardstore.web.account;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Which passwords the store accepts when one is chosen (registration, change, reset): 12 to
 * 128 characters, not containing the user's own name or address, and not easy to guess by
 * zxcvbn's estimate (nbvcxz, with its dictionaries of common passwords, words, names and
 * keyboard patterns; ASVS 6.2.11 and 6.2.12).
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	/**
	 * The estimate reads the first 64 characters with a time limit, so that no password an
	 * anonymous visitor sends can keep a thread busy; 64 characters that are hard to guess
	 * stay hard to guess with more after them.
	 */
	private final Supplier<Nbvcxz> estimator = SingletonSupplier.of(() -> new Nbvcxz(
			new ConfigurationBuilder().setMaxLength(64).setCombinationAlgorithmTimeout(100L).createConfiguration()));

	/**
	 * @param username the user's name in the store
	 * @param name the user's own name, or {@code null} where it is not at hand
	 * @param email the user's e-mail address, or {@code null}; neither it nor its part before the
	 * {@code @} may be in the password
	 * @return what is wrong with the password, as a message for the form, or empty when it is
	 * accepted
	 */
	public Optional<String> problemWith(String password, String username, String name, String email) {
		int length = (password != null) ? password.codePointCount(0, password.length()) : 0;
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			return Optional.of(MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String mailbox = (email != null && email.indexOf('@') > 0) ? email.substring(0, email.indexOf('@')) : null;
		for (String word : new String[] { username, name, email, mailbox }) {
			String known = (word != null) ? word.strip().toLowerCase(Locale.ROOT) : "";
			if (known.length() >= 3 && lower.contains(known)) {
				return Optional.of("The password must not contain your user name, name or e-mail address.");
			}
		}
		Result estimate = this.estimator.get().estimate(password);
		if (!estimate.isMinimumEntropyMet()) {
			String suggestion = String.join(" ", estimate.getFeedback().getSuggestion());
			return Optional.of(("This password is too easy to guess. " + suggestion).strip());
		}
		return Optional.empty();
	}

}
