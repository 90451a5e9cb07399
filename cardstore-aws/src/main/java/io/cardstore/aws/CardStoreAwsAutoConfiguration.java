package io.cardstore.aws;

import java.time.Clock;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.properties.S3Properties;
import io.awspring.cloud.autoconfigure.ses.SesAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.awspring.cloud.sqs.config.AbstractMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.account.DynamoDbLedger;
import io.cardstore.aws.card.DynamoDbCards;
import io.cardstore.aws.mail.AccountMail;
import io.cardstore.aws.mail.AccountMailListener;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.aws.mail.PublicUrlProperties;
import io.cardstore.aws.trade.DynamoDbTrades;
import io.cardstore.aws.upload.S3CardImageUploads;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.card.Cards;
import io.cardstore.market.trade.Trades;
import io.cardstore.market.upload.CardImageUploads;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * CardStore's AWS side: accounts and cards in DynamoDB with atomic trades, direct uploads
 * to S3, and account mail (activation, password reset) through an SQS queue. The AWS
 * clients themselves come from Spring Cloud AWS, configured by
 * {@code spring.cloud.aws.*}.
 */
@AutoConfiguration(after = { DynamoDbAutoConfiguration.class, S3AutoConfiguration.class, SqsAutoConfiguration.class,
		SesAutoConfiguration.class, MailSenderAutoConfiguration.class })
@EnableConfigurationProperties(CardStoreAwsProperties.class)
public final class CardStoreAwsAutoConfiguration {

	/**
	 * The market's operations on DynamoDB, each backing off for an application's own. A
	 * purchase writes the accounts, cards and ledger in one transaction, and an account
	 * opens with its ledger entry: the DynamoDB ones that write with others come only
	 * with those.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DynamoDbClient.class)
	static class DynamoDbConfiguration {

		@Bean
		@ConditionalOnMissingBean(Ledger.class)
		DynamoDbLedger ledger(DynamoDbClient dynamoDb, CardStoreAwsProperties properties) {
			return new DynamoDbLedger(dynamoDb, properties.dynamodb().ledgerTable());
		}

		@Bean
		@ConditionalOnMissingBean(Accounts.class)
		@ConditionalOnBean(DynamoDbLedger.class)
		DynamoDbAccounts accounts(DynamoDbClient dynamoDb, CardStoreAwsProperties properties,
				ObjectProvider<Clock> clock, DynamoDbLedger ledger) {
			// An account not activated while its link works is of no use any more.
			return new DynamoDbAccounts(dynamoDb, properties.dynamodb().usersTable(), clockOf(clock),
					properties.activation().tokenValidity(), properties.accounts().openingBalanceCents(), ledger);
		}

		@Bean
		@ConditionalOnMissingBean(Cards.class)
		DynamoDbCards cards(DynamoDbClient dynamoDb, CardStoreAwsProperties properties, ObjectProvider<Clock> clock) {
			return new DynamoDbCards(dynamoDb, properties.dynamodb().cardsTable(), clockOf(clock));
		}

		@Bean
		@ConditionalOnMissingBean(Trades.class)
		@ConditionalOnBean({ DynamoDbAccounts.class, DynamoDbCards.class, DynamoDbLedger.class })
		DynamoDbTrades trades(DynamoDbClient dynamoDb, DynamoDbAccounts accounts, DynamoDbCards cards,
				DynamoDbLedger ledger, ObjectProvider<Clock> clock) {
			return new DynamoDbTrades(dynamoDb, accounts, cards, ledger, clockOf(clock));
		}

		// Always there, and told at startup whether to create the tables: an application
		// built ahead of time
		// (Spring AOT) keeps the beans its build saw, so a setting read by a condition
		// would be ignored.
		@Bean
		CardStoreTables cardStoreTables(DynamoDbClient dynamoDb, CardStoreAwsProperties properties) {
			return new CardStoreTables(dynamoDb, properties.dynamodb());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(S3Client.class)
	@Conditional(UploadConfiguration.BucketConfigured.class)
	static class UploadConfiguration {

		/**
		 * A bucket is named: a blank name is none, rather than a bucket that cannot
		 * exist.
		 */
		static class BucketConfigured extends SpringBootCondition {

			@Override
			public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
				String bucket = context.getEnvironment().getProperty("cardstore.aws.upload.bucket");
				return StringUtils.hasText(bucket) ? ConditionOutcome.match("Upload bucket " + bucket)
						: ConditionOutcome.noMatch("No cardstore.aws.upload.bucket");
			}

		}

		@Bean
		@ConditionalOnMissingBean(CardImageUploads.class)
		S3CardImageUploads cardImageUploads(S3Client s3, S3Presigner presigner, CardStoreAwsProperties properties,
				S3Properties s3Properties, AwsCredentialsProvider credentials, AwsRegionProvider region) {
			CardStoreAwsProperties.Upload upload = properties.upload();
			if (upload.browserEndpoint() == null) {
				return new S3CardImageUploads(s3, presigner, s3.utilities(), uploadSettings(upload));
			}
			// The host is part of the signature: sign with the address the browser will
			// use.
			Region browserRegion = AwsClientBuilderConfigurer.resolveRegion(s3Properties, null, region);
			S3Presigner browserPresigner = S3Presigner.builder()
				.serviceConfiguration(s3Properties.toS3Configuration())
				.credentialsProvider(credentials)
				.region(browserRegion)
				.endpointOverride(upload.browserEndpoint())
				.build();
			S3Utilities browserUrls = S3Utilities.builder()
				.s3Configuration(s3Properties.toS3Configuration())
				.region(browserRegion)
				.endpoint(upload.browserEndpoint())
				.build();
			return new S3CardImageUploads(s3, browserPresigner, browserUrls, uploadSettings(upload));
		}

		private static S3CardImageUploads.Settings uploadSettings(CardStoreAwsProperties.Upload upload) {
			return new S3CardImageUploads.Settings(upload.bucket(), upload.maxSize(), upload.expiry(),
					upload.publicBaseUrl(), upload.viewExpiry());
		}

	}

	/**
	 * Queue listeners start when the application is ready, not during startup;
	 * {@code spring.cloud.aws.sqs.listener.auto-startup=false} still keeps them stopped.
	 * Read at startup rather than by a condition, which an application built ahead of
	 * time would ignore.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractMessageListenerContainerFactory.class)
	static class SqsListenersConfiguration {

		@Bean
		static SqsListenersStartWhenReady sqsListenersStartWhenReady(
				ObjectProvider<MessageListenerContainerRegistry> registry, Environment environment) {
			return new SqsListenersStartWhenReady(registry,
					environment.getProperty("spring.cloud.aws.sqs.listener.auto-startup", Boolean.class, true));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HealthIndicator.class)
		static class SqsListenersHealthConfiguration {

			@Bean
			SqsListenersHealthIndicator sqsListenersHealthIndicator(
					SqsListenersStartWhenReady sqsListenersStartWhenReady) {
				return new SqsListenersHealthIndicator(sqsListenersStartWhenReady);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ SqsTemplate.class, DynamoDbClient.class })
	static class AccountMailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccountMailRequests accountMailRequests(SqsTemplate sqs, CardStoreAwsProperties properties) {
			return new AccountMailRequests(sqs, properties.activation().queue());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(JavaMailSender.class)
		@EnableConfigurationProperties({ PublicUrlProperties.class, MailProperties.class })
		static class AccountMailSenderConfiguration {

			@Bean
			@ConditionalOnMissingBean
			AccountMailListener accountMailListener(Accounts accounts, JavaMailSender mailSender, MailProperties mail,
					CardStoreAwsProperties properties, PublicUrlProperties publicUrl, ObjectProvider<Clock> clock,
					ObjectProvider<ObservationRegistry> observations) {
				CardStoreAwsProperties.Activation activation = properties.activation();
				return new AccountMailListener(accounts,
						new AccountMail(mailSender(mailSender, mail), activation.mailFrom(), publicUrl.publicUrl()),
						activation.tokenValidity(), properties.passwordReset().validity(),
						properties.passwordReset().resendAfter(), clockOf(clock),
						observations.getIfAvailable(() -> ObservationRegistry.NOOP));
			}

			/**
			 * The mail sender there is, except when {@code spring.mail.host} asks for
			 * SMTP and the one there is sends through SES: an application built ahead of
			 * time (Spring AOT) keeps the beans its build saw, SES's sender, whatever the
			 * settings it starts with. SMTP's is then made here from the
			 * {@code spring.mail.*} settings Spring Boot's would use, except an SSL
			 * bundle ({@code spring.mail.ssl.bundle}) and a JNDI session, which it does
			 * not apply.
			 */
			static JavaMailSender mailSender(JavaMailSender mailSender, MailProperties mail) {
				if (mailSender instanceof JavaMailSenderImpl || !StringUtils.hasText(mail.getHost())) {
					return mailSender;
				}
				JavaMailSenderImpl smtp = new JavaMailSenderImpl();
				smtp.setHost(mail.getHost());
				if (mail.getPort() != null) {
					smtp.setPort(mail.getPort());
				}
				smtp.setUsername(mail.getUsername());
				smtp.setPassword(mail.getPassword());
				smtp.setProtocol(mail.getProtocol());
				if (mail.getDefaultEncoding() != null) {
					smtp.setDefaultEncoding(mail.getDefaultEncoding().name());
				}
				smtp.getJavaMailProperties().putAll(mail.getProperties());
				if (mail.getSsl().isEnabled()) {
					smtp.getJavaMailProperties().put("mail." + smtp.getProtocol() + ".ssl.enable", "true");
				}
				return smtp;
			}

		}

	}

	/** The application's clock, or the system's in UTC when the application has none. */
	static Clock clockOf(ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemUTC);
	}

}
