package io.cardstore.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The card store: one application, run as many replicas as needed behind a load balancer. */
@SpringBootApplication
public class CardStoreApplication {

	public static void main(String[] args) {
		SpringApplication.run(CardStoreApplication.class, args);
	}

}
