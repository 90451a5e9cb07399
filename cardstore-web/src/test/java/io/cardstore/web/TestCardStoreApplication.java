package io.cardstore.web;

import io.cardstore.local.LocalCardStore;

/**
 * The store on this machine with its backing services, what
 * {@code ./mvnw -pl cardstore-web -am spring-boot:test-run} starts (the one main class of
 * the tests, where that goal looks first): {@link LocalCardStore}, of
 * {@code cardstore-local}, does the work; {@code --replicas=2} runs two replicas behind
 * nginx.
 */
public final class TestCardStoreApplication {

	private TestCardStoreApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		LocalCardStore.run(CardStoreApplication.class, args);
	}

}
