package io.cardstore.web;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.net.TcpProxy;
import io.cardstore.testing.redis.SharedRedisInitializer;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that starts while SQS cannot be reached (an outage, an IAM hiccup) sends its
 * mail once SQS answers: its queue listener is tried again until it runs, and the health
 * endpoint shows meanwhile that it does not. SQS is reached through a proxy that ends
 * every connection until the test lets them through (and again for 3 s while the listener
 * runs); the queue is the test's own, so that no other test's application can deliver the
 * mail in its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cardstore.session.instance-id=sqs-recovery")
@ContextConfiguration(initializers = SharedRedisInitializer.class)
@DirtiesContext
class SqsListenersRecoveryIT {

	static final String QUEUE = "cardstore-activation-" + UUID.randomUUID();

	static final URI SQS = AwsEmulators.shared().sqsEndpoint();

	/**
	 * The store's only way to SQS: refusing every connection until the test lets them
	 * through.
	 */
	static final TcpProxy sqs = refusing(TcpProxy.start(0, SQS));

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void awsWithSqsUnreachable(DynamicPropertyRegistry registry) {
		Map<String, String> properties = new HashMap<>(AwsEmulators.shared().connectionProperties());
		properties.putAll(MailCatcher.shared().connectionProperties());
		properties.put("spring.cloud.aws.sqs.endpoint", "http://127.0.0.1:" + sqs.port());
		properties.put("cardstore.aws.activation.queue", QUEUE);
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void closeProxyAndQueue() {
		sqs.close();
		try (SqsClient client = AwsResources.sqsClient(SQS)) {
			client
				.deleteQueue(delete -> delete.queueUrl(client.createQueue(queue -> queue.queueName(QUEUE)).queueUrl()));
		}
	}

	private static TcpProxy refusing(TcpProxy proxy) {
		proxy.refuse();
		return proxy;
	}

	@Test
	void aListenerThatCouldNotStartRunsOnceSqsAnswersAndTheMailGoesOut() throws InterruptedException {
		await("the listener reported down").atMost(Duration.ofSeconds(30))
			.until(() -> listenersHealth().contains("\"DOWN\""));
		assertThat(listenersHealth()).as("the last failure, by container").contains("\"notRunning\":{\"");
		assertThat(readiness()).as("a queue outage takes no replica out of the load balancer").contains("\"UP\"");
		try (SqsClient client = AwsResources.sqsClient(SQS)) {
			client.createQueue(queue -> queue.queueName(QUEUE));
		}
		String store = "http://localhost:" + this.port;

		sqs.resume();
		long opened = System.nanoTime();
		await("the listener running").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> listenersHealth().contains("\"UP\""));
		System.out.println("The SQS listener ran " + Duration.ofNanos(System.nanoTime() - opened).toMillis()
				+ " ms after SQS could be reached");
		WebClient first = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());
		assertThat(first.get(store + "/dashboard").statusCode()).as("activated from the mail, logged in")
			.isEqualTo(200);

		// SQS away again while the listener runs: Spring Cloud AWS polls on, backing off,
		// and needs nobody.
		sqs.refuse();
		Thread.sleep(3000);
		sqs.resume();
		opened = System.nanoTime();
		WebClient second = WebClient.registeredAndLoggedIn(store, "Second Outage",
				address -> MailCatcher.on(store,
						await("the mail after the second outage").atMost(Duration.ofSeconds(90))
							.ignoreExceptions()
							.until(() -> MailCatcher.shared().awaitLink(address, "/activate"), link -> true)));
		System.out.println("After SQS was back, the mail went out in "
				+ Duration.ofNanos(System.nanoTime() - opened).toMillis() + " ms");
		assertThat(second.get(store + "/dashboard").statusCode()).isEqualTo(200);

		assertThat(new WebClient().get("http://localhost:" + this.managementPort + "/actuator/prometheus", "text/plain")
			.body()).as("both mails counted as sent")
			.containsPattern(
					"(?m)^cardstore_mail_requests_seconds_count\\{[^}]*outcome=\"sent\",purpose=\"activation\"[^}]*\\} 2(\\.0)?$");
	}

	private String listenersHealth() {
		return new WebClient()
			.get("http://localhost:" + this.managementPort + "/actuator/health/sqsListeners", "application/json")
			.body();
	}

	private String readiness() {
		return new WebClient()
			.get("http://localhost:" + this.managementPort + "/actuator/health/readiness", "application/json")
			.body();
	}

}
