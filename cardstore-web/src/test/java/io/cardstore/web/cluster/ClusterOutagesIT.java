package io.cardstore.web.cluster;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.cardstore.testing.http.CookieClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an outage in the cluster ({@link Cluster}) costs its users: a replica killed or
 * stopped costs no request and no login, and Redis going away a quick 503 from the store,
 * after which the sessions are back. Each test leaves both replicas and Redis running. A
 * cluster of its own, apart from {@link ClusterIT}'s, which these tests would disturb.
 */
class ClusterOutagesIT {

	static final Cluster cluster = new Cluster();

	@BeforeAll
	static void startCluster() {
		cluster.start();
	}

	/** Every test starts from the same cluster, whatever ran before. */
	@BeforeEach
	void bothReplicasServe() {
		cluster.bothReplicasServe();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	/**
	 * A replica killed between two of a user's requests costs none of them: nginx sends
	 * the next ones to the other. (A request a replica is answering as it dies is lost
	 * with it, behind any load balancer: the kill waits until none is in flight, or the
	 * test would measure that race.)
	 */
	@Test
	void aReplicaKilledMidLoopCostsNoRequestAndNoLogin() throws Exception {
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		List<String> servedBy = new CopyOnWriteArrayList<>();
		ReentrantLock inFlight = new ReentrantLock();
		ExecutorService loop = Executors.newSingleThreadExecutor();
		try {
			Future<?> requests = loop.submit(() -> {
				for (int i = 0; i < 200; i++) {
					inFlight.lock();
					try {
						HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
						statuses
							.add(response.body().contains("Welcome") ? response.statusCode() : -response.statusCode());
						servedBy.add(response.headers().firstValue("X-Served-By").orElse("?"));
					}
					finally {
						inFlight.unlock();
					}
				}
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 50);
			inFlight.lock();
			try {
				cluster.a().kill();
			}
			finally {
				inFlight.unlock();
			}
			requests.get(2, TimeUnit.MINUTES);
		}
		finally {
			loop.shutdownNow();
		}

		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(servedBy.subList(150, 200)).containsOnly("replica-b");
		cluster.a().start();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "replica-a".equals(cluster.user()
				.get(cluster.nginx().url() + "/dashboard")
				.headers()
				.firstValue("X-Served-By")
				.orElse("")));
	}

	@Test
	void redisGoingAwayGivesAQuick503AndSessionsSurviveItsReturn() {
		cluster.redis().stop();
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		try {
			// The replicas learn of the lost connection a moment after Redis is gone; a
			// request in that
			// moment may still be served from a replica's cache.
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> cluster.user().get(cluster.nginx().url() + "/dashboard").statusCode() == 503);
			for (int i = 0; i < 20; i++) {
				long started = System.nanoTime();
				HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				assertThat(response.statusCode()).as("request %d: the store's page, not nginx's 502", i).isEqualTo(503);
				assertThat(response.body()).contains("Temporarily unavailable")
					.doesNotContain("Exception")
					.doesNotContain("at io.");
				assertThat(took).as("a quick answer, not a hang").isLessThan(Duration.ofSeconds(1));
				servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
			}
			assertThat(servedBy).as("no replica left nginx's rotation")
				.containsExactlyInAnyOrder("replica-a", "replica-b");
			await().atMost(Duration.ofSeconds(15)).until(() -> !cluster.a().isReady() && !cluster.b().isReady());
		}
		finally {
			cluster.redis().start();
		}
		long back = System.nanoTime();

		// Each replica's connection finds Redis on its own schedule (Lettuce tries again
		// within a second): service is back when both answer.
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> bothAnswer(cluster.nginx().url() + "/dashboard"));
		System.out
			.println("Service was back " + Duration.ofNanos(System.nanoTime() - back).toMillis() + " ms after Redis");
		servedBy.clear();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as("still logged in after Redis came back").contains("Welcome");
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
		await().atMost(Duration.ofSeconds(15)).until(() -> cluster.a().isReady() && cluster.b().isReady());
	}

	@Test
	void aReplicaStoppedWithSigtermFinishesEveryRequestInFlight() throws Exception {
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(5);
		List<Future<?>> running = new ArrayList<>();
		// A login sent straight to the replica with its form held back: the replica is
		// provably
		// in the middle of this request (reading the form) when the signal arrives.
		CookieClient visitor = new CookieClient("Slow uploader");
		String page = visitor.get(cluster.b().url() + "/").body();
		String token = page.substring(page.indexOf("name=\"_csrf\" content=\"") + 22);
		String form = CookieClient.formBody(Map.of("username", "nobody", "password", "not the password", "_csrf",
				token.substring(0, token.indexOf('"'))));
		try (Socket held = new Socket("127.0.0.1", cluster.b().port())) {
			held.setSoTimeout(30_000);
			OutputStream out = held.getOutputStream();
			out.write(("POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: XSRF-TOKEN="
					+ visitor.cookie("XSRF-TOKEN") + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
					+ "Content-Length: " + form.length() + "\r\n\r\n" + form.substring(0, 10))
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			for (int client = 0; client < 4; client++) {
				running.add(clients.submit(() -> {
					for (int i = 0; i < 50; i++) {
						HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
						statuses
							.add(response.body().contains("Welcome") ? response.statusCode() : -response.statusCode());
					}
				}));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 40);
			// Waits for the replica to exit, which it does only once the held-back login
			// is answered.
			Future<?> stopping = clients.submit(cluster.b()::terminate);
			Thread.sleep(1000);
			assertThat(stopping).as("still finishing the held-back login").isNotDone();
			out.write(form.substring(10).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(held.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).as("the held-back login, answered after the signal")
				.startsWith("HTTP/1.1 302")
				.containsPattern("Location: \\S*/\\?error");
			for (Future<?> client : running) {
				client.get(2, TimeUnit.MINUTES);
			}
			stopping.get(1, TimeUnit.MINUTES);
		}
		finally {
			clients.shutdownNow();
		}

		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(cluster.b().log()).contains("Graceful shutdown complete");
		cluster.b().start();
	}

	/** Whether requests round robin get 200 from both replicas, one after the other. */
	private static boolean bothAnswer(String url) {
		Set<String> servedBy = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = cluster.user().get(url);
			if (response.statusCode() != 200) {
				return false;
			}
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		return servedBy.size() == 2;
	}

}
