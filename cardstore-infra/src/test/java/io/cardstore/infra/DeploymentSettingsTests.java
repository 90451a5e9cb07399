package io.cardstore.infra;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.infra.DeploymentSettings.CacheMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Deployment settings from CDK context: defaults that synthesize, and values checked
 * before anything is built.
 */
class DeploymentSettingsTests {

	@Test
	void withoutContextTheStacksSynthesizeWithExamplesThatSayTheyAreExamples() {
		DeploymentSettings settings = DeploymentSettings.from(Map.<String, Object>of()::get);

		assertThat(settings.prefix()).isEqualTo("cardstore-prod-");
		assertThat(settings.cache()).isEqualTo(CacheMode.REPLICATION_GROUP);
		assertThat(settings.repositoryName()).isEqualTo("cardstore-web");
		assertThat(settings.placeholdersInUse()).containsExactlyInAnyOrder("publicUrl", "certificateArn", "mailFrom",
				"imageTag");
	}

	@Test
	void contextValuesReplaceTheDefaults() {
		DeploymentSettings settings = DeploymentSettings.from(context("cache", "serverless", "prefix", "cards-eu-",
				"publicUrl", "https://cards.example.org:8443/store", "imageTag", "0123456789ab")::get);

		assertThat(settings.cache()).isEqualTo(CacheMode.SERVERLESS);
		assertThat(settings.prefix()).isEqualTo("cards-eu-");
		assertThat(settings.publicUrl()).isEqualTo(URI.create("https://cards.example.org:8443/store"));
		assertThat(settings.publicOrigin()).isEqualTo("https://cards.example.org:8443");
		assertThat(settings.placeholdersInUse()).containsExactlyInAnyOrder("certificateArn", "mailFrom");
	}

	@Test
	void theStoreIsServedOverHttpsOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeploymentSettings.from(context("publicUrl", "http://cards.example.org")::get))
			.withMessageContaining("publicUrl");
	}

	@Test
	void aPrefixMustSuitElastiCacheIdentifiers() {
		for (String prefix : new String[] { "CardStore-", "cardstore", "cardstore--prod-", "1cardstore-",
				"a-very-long-prefix-for-cardstore-" }) {
			assertThatIllegalArgumentException().as(prefix)
				.isThrownBy(() -> DeploymentSettings.from(context("prefix", prefix)::get))
				.withMessageContaining("prefix");
		}
	}

	@Test
	void unknownCacheModesAndMalformedValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeploymentSettings.from(context("cache", "cluster")::get))
			.withMessageContaining("replication-group or serverless");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeploymentSettings.from(context("certificateArn", "my-certificate")::get));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeploymentSettings.from(context("mailFrom", "nobody")::get));
		assertThatIllegalArgumentException().isThrownBy(() -> DeploymentSettings.from(context("imageTag", "a b")::get));
	}

	private static Map<String, Object> context(String... namesAndValues) {
		Map<String, Object> context = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			context.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return context;
	}

}
