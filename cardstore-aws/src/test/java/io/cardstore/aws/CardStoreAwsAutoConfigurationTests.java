package io.cardstore.aws;

import java.time.Clock;
import java.util.UUID;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.cardstore.aws.CardStoreAwsAutoConfiguration.AccountMailConfiguration.AccountMailSenderConfiguration;
import io.cardstore.aws.mail.AccountMailListener;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.card.Cards;
import io.cardstore.market.trade.Trades;
import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.testing.aws.SharedAwsInitializer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * What CardStore's AWS auto-configuration gives for which clients and settings, and where
 * it backs off. The clients are Spring Cloud AWS's, pointed at the shared emulators.
 */
class CardStoreAwsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, DynamoDbAutoConfiguration.class, S3AutoConfiguration.class,
				SqsAutoConfiguration.class, MailSenderAutoConfiguration.class, CardStoreAwsAutoConfiguration.class))
		.withInitializer(new SharedAwsInitializer())
		.withPropertyValues("cardstore.public-url=http://localhost:8080",
				"spring.cloud.aws.sqs.listener.auto-startup=false");

	@Test
	void withEveryClientTheStoreHasItsTablesUploadsAndMail() {
		this.contexts.run(context -> assertThat(context).hasNotFailed()
			.hasSingleBean(Accounts.class)
			.hasSingleBean(Ledger.class)
			.hasSingleBean(Cards.class)
			.hasSingleBean(Trades.class)
			.hasSingleBean(CardStoreTables.class)
			.hasSingleBean(CardImageUploads.class)
			.hasSingleBean(AccountMailRequests.class)
			.hasSingleBean(AccountMailListener.class)
			.doesNotHaveBean(Clock.class));
	}

	@Test
	void withoutAnyAwsClientNothingIsConfigured() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CardStoreAwsAutoConfiguration.class))
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Accounts.class)
				.doesNotHaveBean(CardImageUploads.class)
				.doesNotHaveBean(AccountMailRequests.class));
	}

	/**
	 * The setting is read at startup, not by a condition (which an application built
	 * ahead of time would ignore): the tables bean is there either way and creates
	 * nothing when told not to.
	 */
	@Test
	void tablesAreCreatedOnlyWhenAskedTo() {
		String prefix = "not-created-" + UUID.randomUUID() + "-";
		overriding("cardstore.aws.dynamodb.create-tables=false", "cardstore.aws.dynamodb.table-prefix=" + prefix)
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(Accounts.class).hasSingleBean(CardStoreTables.class);
				assertThat(context.getBean(DynamoDbClient.class).listTables().tableNames())
					.noneMatch(table -> table.startsWith(prefix));
			});
		overriding("cardstore.aws.dynamodb.table-prefix=" + prefix)
			.run(context -> assertThat(context.getBean(DynamoDbClient.class).listTables().tableNames())
				.contains(prefix + "users", prefix + "cards"));
	}

	@Test
	void theMailSenderThereIsSendsUnlessSmtpIsAskedForAndItIsNotSmtps() {
		JavaMailSender ses = mock(JavaMailSender.class);
		JavaMailSenderImpl smtp = new JavaMailSenderImpl();
		MailProperties noHost = new MailProperties();
		assertThat(AccountMailSenderConfiguration.mailSender(ses, noHost)).isSameAs(ses);
		assertThat(AccountMailSenderConfiguration.mailSender(smtp, noHost)).isSameAs(smtp);
		MailProperties host = mailHost();
		assertThat(AccountMailSenderConfiguration.mailSender(smtp, host)).isSameAs(smtp);
	}

	/**
	 * What an application built ahead of time with SES's sender does when started with an
	 * SMTP host.
	 */
	@Test
	void anSmtpHostGivenAtStartupReplacesTheSesSenderOfTheBuild() {
		JavaMailSender sent = AccountMailSenderConfiguration.mailSender(mock(JavaMailSender.class), mailHost());
		assertThat(sent).isInstanceOfSatisfying(JavaMailSenderImpl.class, smtp -> {
			assertThat(smtp.getHost()).isEqualTo("mail.example");
			assertThat(smtp.getPort()).isEqualTo(2525);
			assertThat(smtp.getUsername()).isEqualTo("store");
			assertThat(smtp.getPassword()).isEqualTo("secret");
			assertThat(smtp.getDefaultEncoding()).isEqualTo("UTF-8");
			assertThat(smtp.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "5000")
				.containsEntry("mail.smtp.ssl.enable", "true");
		});
	}

	private static MailProperties mailHost() {
		MailProperties mail = new MailProperties();
		mail.setHost("mail.example");
		mail.setPort(2525);
		mail.setUsername("store");
		mail.setPassword("secret");
		mail.getProperties().put("mail.smtp.connectiontimeout", "5000");
		mail.getSsl().setEnabled(true);
		return mail;
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
		this.contexts.withUserConfiguration(OwnAccounts.class).run(context -> {
			assertThat(context).hasSingleBean(Accounts.class)
				.getBean(Accounts.class)
				.isSameAs(context.getBean(OwnAccounts.class).accounts);
			// Purchases write DynamoDB's accounts in their transaction: the application's
			// accounts come with its own purchases.
			assertThat(context).doesNotHaveBean(Trades.class).hasSingleBean(Cards.class).hasSingleBean(Ledger.class);
		});
	}

	/** Settings over those of the shared emulators, which the initializer puts first. */
	private ApplicationContextRunner overriding(String... properties) {
		return this.contexts.withInitializer(context -> TestPropertyValues.of(properties)
			.applyTo(context.getEnvironment(), TestPropertyValues.Type.MAP, "overrides"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAccounts {

		final Accounts accounts = mock(Accounts.class);

		@Bean
		Accounts accounts() {
			return this.accounts;
		}

	}

}
