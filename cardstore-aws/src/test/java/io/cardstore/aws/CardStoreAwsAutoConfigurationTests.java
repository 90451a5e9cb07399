package io.cardstore.aws;

import java.time.Clock;
import java.time.Duration;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.card.Cards;
import io.cardstore.aws.mail.AccountMailListener;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.aws.trade.Trades;
import io.cardstore.aws.upload.CardImageUploads;
import io.cardstore.testing.aws.SharedAwsInitializer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CardStore's AWS auto-configuration gives for which clients and settings, and where it
 * backs off. The clients are Spring Cloud AWS's, pointed at the shared emulators.
 */
class CardStoreAwsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, DynamoDbAutoConfiguration.class, S3AutoConfiguration.class,
				SqsAutoConfiguration.class, MailSenderAutoConfiguration.class, CardStoreAwsAutoConfiguration.class))
		.withInitializer(new SharedAwsInitializer())
		.withPropertyValues("cardstore.public-url=http://localhost:8080", "spring.cloud.aws.sqs.listener.auto-startup=false");

	@Test
	void withEveryClientTheStoreHasItsTablesUploadsAndMail() {
		this.contexts.run(context -> assertThat(context).hasNotFailed()
			.hasSingleBean(Accounts.class)
			.hasSingleBean(Cards.class)
			.hasSingleBean(Trades.class)
			.hasSingleBean(CardStoreTables.class)
			.hasSingleBean(CardImageUploads.class)
			.hasSingleBean(AccountMailRequests.class)
			.hasSingleBean(AccountMailListener.class)
			.hasSingleBean(Clock.class));
	}

	@Test
	void withoutAnyAwsClientNothingIsConfigured() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CardStoreAwsAutoConfiguration.class))
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Accounts.class)
				.doesNotHaveBean(CardImageUploads.class)
				.doesNotHaveBean(AccountMailRequests.class));
	}

	@Test
	void tablesAreCreatedOnlyWhenAskedTo() {
		overriding("cardstore.aws.dynamodb.create-tables=false")
			.run(context -> assertThat(context).hasSingleBean(Accounts.class).doesNotHaveBean(CardStoreTables.class));
	}

	@Test
	void withoutABucketThereAreNoUploads() {
		overriding("cardstore.aws.upload.bucket=")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CardImageUploads.class));
	}

	@Test
	void withoutMailRequestsAreQueuedButNotSent() {
		this.contexts.withClassLoader(new FilteredClassLoader(MimeMessage.class))
			.run(context -> assertThat(context).hasSingleBean(AccountMailRequests.class)
				.doesNotHaveBean(AccountMailListener.class));
	}

	@Test
	void aMailSenderWithoutAPublicAddressStopsTheStart() {
		this.contexts.withPropertyValues("cardstore.public-url=")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cardstore.public-url must be"));
	}

	@Test
	void anApplicationsOwnBeansWin() {
		this.contexts.withUserConfiguration(OwnAccounts.class)
			.run(context -> assertThat(context).hasSingleBean(Accounts.class)
				.getBean(Accounts.class)
				.isSameAs(context.getBean(OwnAccounts.class).accounts));
	}

	/** Settings over those of the shared emulators, which the initializer puts first. */
	private ApplicationContextRunner overriding(String... properties) {
		return this.contexts.withInitializer(context -> TestPropertyValues.of(properties)
			.applyTo(context.getEnvironment(), TestPropertyValues.Type.MAP, "overrides"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAccounts {

		final Accounts accounts = new Accounts(null, "own-users", Clock.systemUTC(), Duration.ofHours(1));

		@Bean
		Accounts accounts() {
			return this.accounts;
		}

	}

}
