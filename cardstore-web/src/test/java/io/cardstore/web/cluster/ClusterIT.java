package io.cardstore.web.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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

import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.http.CookieClient;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topology CardStore exists for: a real nginx in front of two replicas started from
 * the built jar, one Redis (append-only) and the AWS emulators. Each test leaves both
 * replicas and Redis running.
 */
class ClusterIT {

	static RedisServer redis;

	static Replica a;

	static Replica b;

	static NginxServer nginx;

	static WebClient user;

	@BeforeAll
	static void startCluster() {
		redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.putAll(AwsEmulators.shared().connectionProperties());
		properties.putAll(MailCatcher.shared().connectionProperties());
		a = new Replica("replica-a", properties);
		b = new Replica("replica-b", properties);
		Replica.startTogether(List.of(a, b));
		nginx = NginxServer.start(List.of(a.address(), b.address()));
		user = registeredAndLoggedIn();
	}

	/**
	 * Every test starts from the same cluster, whatever ran before: both replicas up (one
	 * a failed test left stopped is started again) and in nginx's rotation again (one a
	 * test killed or stopped is left out for a while).
	 */
	@BeforeEach
	void bothReplicasServe() {
		for (Replica replica : List.of(a, b)) {
			if (!replica.isRunning()) {
				replica.start();
			}
		}
		await("both replicas in nginx's rotation").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				Set<String> servedBy = new HashSet<>();
				for (int i = 0; i < 6; i++) {
					user.get(nginx.url() + "/").headers().firstValue("X-Served-By").ifPresent(servedBy::add);
				}
				return servedBy.containsAll(Set.of("replica-a", "replica-b"));
			});
	}

	@AfterAll
	static void stopCluster() {
		for (AutoCloseable running : new AutoCloseable[] { nginx, a, b, redis }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// Keep stopping the others.
			}
		}
	}

	@Test
	void bothReplicasServeOneLoggedInUser() {
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
			assertThat(response.body()).contains("Welcome");
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
		// By port: nginx in a container reaches the replicas through the host gateway's
		// address.
		assertThat(nginx.accessLog()).containsPattern("upstream=\\S+:" + a.port() + " ")
			.containsPattern("upstream=\\S+:" + b.port() + " ");
		assertThat(nginx.accessLog()).as("the activation link went through nginx, its token stays out of the log")
			.contains("GET /activate ")
			.doesNotContain("token=");
		assertThat(user.get(nginx.url() + "/nginx-health").headers().firstValue("Server")).as("no version")
			.hasValue("nginx");
		for (String operations : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health")) {
			assertThat(user.get(nginx.url() + operations).statusCode()).as("%s through nginx", operations)
				.isEqualTo(404);
		}
		assertThat(a.isReady()).as("the health check on the management port").isTrue();
	}

	@Test
	void nginxAnswersOnlyTheStoresHostNames() throws Exception {
		assertThat(rawGet("localhost")).startsWith("HTTP/1.1 ");
		assertThat(rawGet("evil.example")).as("a forged Host header is closed unanswered").isEmpty();
	}

	/**
	 * A request with any Host header (HttpClient will not send a forged one); what came
	 * back.
	 */
	private static String rawGet(String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", nginx.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET /nginx-health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
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
						HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
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
				a.kill();
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
		a.start();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "replica-a"
				.equals(user.get(nginx.url() + "/dashboard").headers().firstValue("X-Served-By").orElse("")));
	}

	/**
	 * A cookie naming another kind of key (a session id of one's own behind
	 * {@code expires:}, as Spring Session's indexed repository would store it) is no
	 * session: an anonymous visit, not a Redis error that makes nginx take the replicas
	 * out of rotation.
	 */
	@Test
	void aForgedSessionCookieIsAnAnonymousVisitAndTakesNoReplicaOutOfRotation() {
		// Anonymous visits start no session: the attacker's own, after logging in, serves
		// as well.
		String ownId = registeredAndLoggedIn().sessionCookie();
		assertThat(ownId).isNotNull();
		List<String> forged = List.of("expires:" + ownId,
				Base64.getEncoder().encodeToString(("expires:" + ownId).getBytes(StandardCharsets.UTF_8)),
				Base64.getEncoder()
					.encodeToString(("spring:session:sessions:expires:" + ownId).getBytes(StandardCharsets.UTF_8)));

		for (String cookie : forged) {
			for (int i = 0; i < 4; i++) {
				HttpResponse<String> response = new WebClient().withSessionCookie(cookie)
					.get(nginx.url() + "/dashboard");
				assertThat(response.statusCode()).as("forged cookie %s", cookie).isEqualTo(302);
			}
		}

		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
			assertThat(response.statusCode()).isEqualTo(200);
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
	}

	@Test
	void aLogoutServedByOneReplicaEndsTheSessionOnTheOther() {
		WebClient other = registeredAndLoggedIn();
		String cookie = other.sessionCookie();
		assertThat(new WebClient().withSessionCookie(cookie).get(a.url() + "/dashboard").statusCode()).isEqualTo(200);

		HttpResponse<String> logout = other.post(b.url() + "/logout",
				Map.of("_csrf", other.csrfToken(b.url() + "/dashboard")));
		assertThat(logout.headers().firstValue("X-Served-By")).contains("replica-b");
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/?logout"));

		HttpResponse<String> afterward = new WebClient().withSessionCookie(cookie).get(a.url() + "/dashboard");
		assertThat(afterward.statusCode()).isEqualTo(302);
		assertThat(afterward.headers().firstValue("X-Served-By")).contains("replica-a");
	}

	@Test
	void redisGoingAwayGivesAQuick503AndSessionsSurviveItsReturn() {
		redis.stop();
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		try {
			// The replicas learn of the lost connection a moment after Redis is gone; a
			// request in that
			// moment may still be served from a replica's cache.
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> user.get(nginx.url() + "/dashboard").statusCode() == 503);
			for (int i = 0; i < 20; i++) {
				long started = System.nanoTime();
				HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
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
			await().atMost(Duration.ofSeconds(15)).until(() -> !a.isReady() && !b.isReady());
		}
		finally {
			redis.start();
		}
		long back = System.nanoTime();

		// Each replica's connection finds Redis on its own schedule (Lettuce tries again
		// within a second): service is back when both answer.
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> bothReplicasServe(nginx.url() + "/dashboard"));
		System.out
			.println("Service was back " + Duration.ofNanos(System.nanoTime() - back).toMillis() + " ms after Redis");
		servedBy.clear();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as("still logged in after Redis came back").contains("Welcome");
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
		await().atMost(Duration.ofSeconds(15)).until(() -> a.isReady() && b.isReady());
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
		String page = visitor.get(b.url() + "/").body();
		String token = page.substring(page.indexOf("name=\"_csrf\" content=\"") + 22);
		String form = CookieClient.formBody(Map.of("username", "nobody", "password", "not the password", "_csrf",
				token.substring(0, token.indexOf('"'))));
		try (Socket held = new Socket("127.0.0.1", b.port())) {
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
						HttpResponse<String> response = user.get(nginx.url() + "/dashboard");
						statuses
							.add(response.body().contains("Welcome") ? response.statusCode() : -response.statusCode());
					}
				}));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 40);
			// Waits for the replica to exit, which it does only once the held-back login
			// is answered.
			Future<?> stopping = clients.submit(b::terminate);
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
		assertThat(b.log()).contains("Graceful shutdown complete");
		b.start();
	}

	/** Registers through nginx, opens the link from the mail, logs in. */
	static WebClient registeredAndLoggedIn() {
		return WebClient.registeredAndLoggedIn(nginx.url(), MailCatcher.shared());
	}

	/** Whether requests round robin get 200 from both replicas, one after the other. */
	private static boolean bothReplicasServe(String url) {
		Set<String> servedBy = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = user.get(url);
			if (response.statusCode() != 200) {
				return false;
			}
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		return servedBy.size() == 2;
	}

}
