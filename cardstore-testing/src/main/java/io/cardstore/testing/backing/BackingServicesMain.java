package io.cardstore.testing.backing;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.cardstore.testing.redis.RedisOptions;

/**
 * Starts every backing service CardStore needs, alone, and prints the settings that
 * connect an application to them as environment variables, ready for {@code eval} or an
 * {@code .env} file. Runs until interrupted (Ctrl-C), then stops them all.
 */
public final class BackingServicesMain {

	private BackingServicesMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Progress goes to standard error, so that standard output holds only the
		// variables.
		System.err.println(BackingServices.describeStart());
		BackingServices services = BackingServices.start(RedisOptions.defaults());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			services.close();
			stopped.countDown();
		}, "backing-services-stop"));
		services.connectionProperties()
			.forEach((name, value) -> System.out.println("export " + environmentVariable(name) + "=" + value));
		System.err.println("Ready: " + services + ". Ctrl-C stops them all.");
		stopped.await();
	}

	/**
	 * Spring Boot's relaxed binding: {@code spring.data.redis.host} is
	 * {@code SPRING_DATA_REDIS_HOST}.
	 */
	static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

}
