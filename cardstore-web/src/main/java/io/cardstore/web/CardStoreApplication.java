package io.cardstore.web;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The card store: one application, run as many replicas as needed behind a load balancer.
 */
@SpringBootApplication
public class CardStoreApplication {

	public static void main(String[] args) {
		SpringApplication.run(CardStoreApplication.class, args);
	}

	/**
	 * The store's one clock, in UTC: every time it stores, compares or shows comes from
	 * it.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
