package io.cardstore.testing.backing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResourceNames;
import io.cardstore.testing.aws.AwsServices;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;

/**
 * Every backing service CardStore needs, started together for a run by hand: Redis, S3,
 * SQS, DynamoDB and a mail catcher, from the current {@link BackingServicesProvider}.
 *
 * @param redis the session store
 * @param aws S3, SQS and DynamoDB, with CardStore's resources created
 * @param mail the SMTP server that keeps the activation mails
 */
public record BackingServices(RedisServer redis, AwsServices aws, MailCatcher mail) implements AutoCloseable {

	/** Starts them all; the caller closes them. */
	public static BackingServices start(RedisOptions redisOptions) {
		return new BackingServices(RedisServers.start(redisOptions), AwsEmulators.start(AwsResourceNames.defaults()),
				MailCatcher.start());
	}

	/** The Spring Boot properties that connect an application to all of them. */
	public Map<String, String> connectionProperties() {
		Map<String, String> properties = new LinkedHashMap<>(this.redis.connectionProperties());
		properties.putAll(this.aws.connectionProperties());
		properties.putAll(this.mail.connectionProperties());
		return properties;
	}

	@Override
	public void close() {
		this.mail.close();
		this.aws.close();
		this.redis.close();
	}

	/** What is starting, for a line in the console before {@link #start}. */
	public static String describeStart() {
		return "Starting Redis, S3, SQS, DynamoDB and a mail catcher ("
				+ BackingServicesProvider.current().name().toLowerCase(Locale.ROOT) + " backing services)...";
	}

	@Override
	public String toString() {
		return this.redis + "; " + this.aws + "; SMTP mail catcher on 127.0.0.1:" + this.mail.smtpPort();
	}

}
