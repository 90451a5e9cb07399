package io.cardstore.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each text of the store, the pages' and the account mails', exists in English and in
 * German.
 */
class MessagesTests {

	@ParameterizedTest
	@ValueSource(strings = { "messages", "mail/messages" })
	void everyKeyHasItsTextInBothLanguages(String basename) throws IOException {
		Properties english = load(basename + ".properties");
		Properties german = load(basename + "_de.properties");

		assertThat(german.stringPropertyNames()).as("the German keys of " + basename)
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		assertThat(english.values()).as("blank texts").allMatch(text -> !text.toString().isBlank());
		assertThat(german.values()).as("blank texts").allMatch(text -> !text.toString().isBlank());
	}

	private static Properties load(String path) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
