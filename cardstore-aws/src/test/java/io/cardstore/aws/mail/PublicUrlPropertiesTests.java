package io.cardstore.aws.mail;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's public address is checked when the application starts, not when a mail goes
 * out.
 */
class PublicUrlPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(PublicUrlConfiguration.class);

	@Test
	void anHttpsAddressIsAccepted() {
		this.contexts.withPropertyValues("cardstore.public-url=https://cards.example.com")
			.run(context -> assertThat(context.getBean(PublicUrlProperties.class).publicUrl())
				.hasToString("https://cards.example.com"));
	}

	@Test
	void aMissingOrUnusableAddressStopsTheStart() {
		for (String value : new String[] { null, "", "cards.example.com", "ftp://cards.example.com",
				"https://cards.example.com/?next=evil", "https://user@cards.example.com" }) {
			ApplicationContextRunner runner = (value != null)
					? this.contexts.withPropertyValues("cardstore.public-url=" + value) : this.contexts;
			runner.run(context -> assertThat(context).as(String.valueOf(value))
				.getFailure()
				.rootCause()
				.hasMessageContaining("cardstore.public-url must be the http(s) address users reach the store at"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PublicUrlProperties.class)
	static class PublicUrlConfiguration {

	}

}
