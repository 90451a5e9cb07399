package io.cardstore.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResourceNames;
import io.cardstore.testing.aws.AwsServices;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;

/**
 * Starts every backing service CardStore needs, alone, and prints the settings that connect
 * an application to them as environment variables, ready for {@code eval} or an {@code .env}
 * file. Runs until interrupted (Ctrl-C), then stops them all.
 */
public final class BackingServicesMain {

	private BackingServicesMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.err.println("Starting backing services (" + BackingServicesProvider.current().name().toLowerCase(Locale.ROOT)
				+ " provider)...");
		RedisServer redis = RedisServers.start(RedisOptions.defaults());
		AwsServices aws = AwsEmulators.start(AwsResourceNames.defaults());
		MailCatcher mail = MailCatcher.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			mail.close();
			aws.close();
			redis.close();
			stopped.countDown();
		}, "backing-services-stop"));

		Map<String, String> properties = new LinkedHashMap<>(redis.connectionProperties());
		properties.putAll(aws.connectionProperties());
		properties.putAll(mail.connectionProperties());
		properties.forEach((name, value) -> System.out.println("export " + environmentVariable(name) + "=" + value));
		System.err.println("Ready: " + redis + "; " + aws + "; SMTP mail catcher on 127.0.0.1:" + mail.smtpPort()
				+ ". Ctrl-C stops them all.");
		stopped.await();
	}

	/** Spring Boot's relaxed binding: {@code spring.data.redis.host} is {@code SPRING_DATA_REDIS_HOST}. */
	static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

}
