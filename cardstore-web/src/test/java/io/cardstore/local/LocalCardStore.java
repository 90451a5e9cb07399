package io.cardstore.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.web.CardStoreApplication;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResourceNames;
import io.cardstore.testing.aws.AwsServices;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;

import org.springframework.boot.SpringApplication;

/**
 * Runs the store on this machine with every backing service started for it: containers when
 * a Docker engine answers, native servers otherwise. Started by
 * {@code ./mvnw -pl cardstore-web -am spring-boot:test-run}; Ctrl-C stops everything.
 */
public final class LocalCardStore {

	private LocalCardStore() {
	}

	public static void main(String[] args) {
		System.out.println("Starting Redis, S3, SQS, DynamoDB and a mail catcher ("
				+ BackingServicesProvider.current().name().toLowerCase(Locale.ROOT) + " backing services)...");
		RedisServer redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());
		AwsServices aws = AwsEmulators.start(AwsResourceNames.defaults());
		MailCatcher mail = MailCatcher.start();
		LocalMailInbox.catcher = mail;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			mail.close();
			aws.close();
			redis.close();
		}, "local-backing-services-stop"));

		Map<String, String> properties = new LinkedHashMap<>(redis.connectionProperties());
		properties.putAll(aws.connectionProperties());
		properties.putAll(mail.connectionProperties());
		properties.put("cardstore.session.instance-id", "local");
		List<String> arguments = new ArrayList<>(List.of(args));
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		SpringApplication.from(CardStoreApplication::main).with(LocalMailInbox.class).run(arguments.toArray(String[]::new));
	}

}
