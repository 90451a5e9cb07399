package io.cardstore.web.account;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which passwords the store accepts, with the user's own name and address held against
 * them.
 */
class PasswordPolicyTests {

	private static final String STRONG = "tangerine-Rocket-57-quietly";

	private final PasswordPolicy policy = new PasswordPolicy(new MessageSourceAccessor(messages()));

	@AfterEach
	void forgetTheLanguage() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void aLongUnguessablePasswordIsAccepted() {
		assertThat(this.policy.problemWith(STRONG, "jane", "Jane Doe", "jane.doe@example.com")).isEmpty();
	}

	@Test
	void lengthIsCountedInCharactersNotBytes() {
		assertThat(this.policy.problemWith("Short-1", "jane", null, null)).contains("12 to 128 characters.");
		assertThat(this.policy.problemWith("x".repeat(129), "jane", null, null)).contains("12 to 128 characters.");
		// Characters of three bytes each in UTF-8: 11 are too few, 12 are enough (36
		// bytes).
		assertThat(this.policy.problemWith("渋谷区の猫が月曜日に歌", "jane", null, null)).contains("12 to 128 characters.");
		assertThat(this.policy.problemWith("渋谷区の猫が月曜日に歌う", "jane", null, null))
			.isNotEqualTo(Optional.of("12 to 128 characters."));
	}

	@Test
	void thePasswordMustNotContainTheUsersNameOrAddress() {
		String refused = "The password must not contain your user name, name or e-mail address.";
		assertThat(this.policy.problemWith("Kestrel" + STRONG, "kestrel", null, null)).contains(refused);
		assertThat(this.policy.problemWith(STRONG + "doe", "jane", "Doe", null)).contains(refused);
		// The part before the @, on its own: the address need not be in it whole.
		assertThat(this.policy.problemWith(STRONG + "Jane.Doe", "jd", null, "jane.doe@example.com")).contains(refused);
		assertThat(this.policy.problemWith(STRONG, "jd", null, "not an address")).isEmpty();
	}

	@Test
	void anEasyPasswordIsRefusedWithAdvice() {
		assertThat(this.policy.problemWith("passwordpassword", "jane", null, null))
			.hasValueSatisfying(problem -> assertThat(problem).startsWith("This password is too easy to guess."));
	}

	@Test
	void aRefusalIsInTheLanguageOfTheRequestAdviceIncluded() {
		String english = this.policy.problemWith("passwordpassword", "jane", null, null).orElseThrow();
		LocaleContextHolder.setLocale(Locale.GERMAN);

		assertThat(this.policy.problemWith("Short-1", "jane", null, null)).contains("12 bis 128 Zeichen.");
		String german = this.policy.problemWith("passwordpassword", "jane", null, null).orElseThrow();
		assertThat(german).startsWith("Dieses Passwort ist zu leicht zu erraten.");
		assertThat(german.substring("Dieses Passwort ist zu leicht zu erraten.".length()))
			.as("nbvcxz's advice, in German")
			.isNotBlank()
			.isNotEqualTo(english.substring("This password is too easy to guess.".length()));
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
