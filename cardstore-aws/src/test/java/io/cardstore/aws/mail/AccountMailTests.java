package io.cardstore.aws.mail;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountMailTests {

	final AccountMail mail = new AccountMail(null, "no-reply@example.com", URI.create("https://cards.example.com"));

	@Test
	void theLinkEncodesWhatItCarries() {
		assertThat(this.mail.link("/activate", "ann+bob", "abc-_").toString())
			.isEqualTo("https://cards.example.com/activate?username=ann%2Bbob&token=abc-_");
	}

	@Test
	void aLinksLifetimeIsSaidInTheMailsLanguage() {
		assertThat(this.mail.inWords(Duration.ofHours(24), Locale.ENGLISH)).isEqualTo("24 hours");
		assertThat(this.mail.inWords(Duration.ofHours(1), Locale.ENGLISH)).isEqualTo("one hour");
		assertThat(this.mail.inWords(Duration.ofMinutes(90), Locale.ENGLISH)).isEqualTo("90 minutes");
		assertThat(this.mail.inWords(Duration.ofSeconds(20), Locale.ENGLISH)).isEqualTo("one minute");
		assertThat(this.mail.inWords(Duration.ofHours(24), Locale.GERMAN)).isEqualTo("24 Stunden");
		assertThat(this.mail.inWords(Duration.ofMinutes(1), Locale.GERMANY)).isEqualTo("eine Minute");
		assertThat(this.mail.inWords(Duration.ofMinutes(30), Locale.FRENCH)).as("no French mail: English")
			.isEqualTo("30 minutes");
	}

	@Test
	void theSubjectsNameTheStoreAsItsPagesDo() {
		assertThat(this.mail.subject("activation", Locale.ENGLISH)).isEqualTo("Activate your CardStore account");
		assertThat(this.mail.subject("password-reset", Locale.GERMAN))
			.isEqualTo("Neues Passwort für Ihr CardStore-Konto");
	}

}
