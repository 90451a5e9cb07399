package io.cardstore.web.cluster;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology CardStore exists for ({@link Cluster}): a real nginx in front of two
 * replicas started from the built jar, one Redis (append-only) and the AWS emulators.
 * Both replicas serve one logged-in user, through nginx alone and for the store's host
 * names only, and what one does with a session the other knows. {@link ClusterOutagesIT}
 * has what a replica or Redis going away costs.
 */
class ClusterIT {

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

	@Test
	void bothReplicasServeOneLoggedInUser() {
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
			assertThat(response.body()).contains("Welcome");
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
		// By port: nginx in a container reaches the replicas through the host gateway's
		// address.
		assertThat(cluster.nginx().accessLog()).containsPattern("upstream=\\S+:" + cluster.a().port() + " ")
			.containsPattern("upstream=\\S+:" + cluster.b().port() + " ");
		assertThat(cluster.nginx().accessLog())
			.as("the activation link went through nginx, its token stays out of the log")
			.contains("GET /activate ")
			.doesNotContain("token=");
		assertThat(cluster.user().get(cluster.nginx().url() + "/nginx-health").headers().firstValue("Server"))
			.as("no version")
			.hasValue("nginx");
		for (String operations : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health")) {
			assertThat(cluster.user().get(cluster.nginx().url() + operations).statusCode())
				.as("%s through nginx", operations)
				.isEqualTo(404);
		}
		assertThat(cluster.a().isReady()).as("the health check on the management port").isTrue();
	}

	@Test
	void nginxAnswersOnlyTheStoresHostNames() throws Exception {
		assertThat(rawGet("localhost")).startsWith("HTTP/1.1 ");
		assertThat(rawGet("evil.example")).as("a forged Host header is closed unanswered").isEmpty();
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
		String ownId = cluster.registeredAndLoggedIn().sessionCookie();
		assertThat(ownId).isNotNull();
		List<String> forged = List.of("expires:" + ownId,
				Base64.getEncoder().encodeToString(("expires:" + ownId).getBytes(StandardCharsets.UTF_8)),
				Base64.getEncoder()
					.encodeToString(("spring:session:sessions:expires:" + ownId).getBytes(StandardCharsets.UTF_8)));

		for (String cookie : forged) {
			for (int i = 0; i < 4; i++) {
				HttpResponse<String> response = new WebClient().withSessionCookie(cookie)
					.get(cluster.nginx().url() + "/dashboard");
				assertThat(response.statusCode()).as("forged cookie %s", cookie).isEqualTo(302);
			}
		}

		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = cluster.user().get(cluster.nginx().url() + "/dashboard");
			assertThat(response.statusCode()).isEqualTo(200);
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
	}

	@Test
	void aLogoutServedByOneReplicaEndsTheSessionOnTheOther() {
		WebClient other = cluster.registeredAndLoggedIn();
		String cookie = other.sessionCookie();
		assertThat(new WebClient().withSessionCookie(cookie).get(cluster.a().url() + "/dashboard").statusCode())
			.isEqualTo(200);

		HttpResponse<String> logout = other.post(cluster.b().url() + "/logout",
				Map.of("_csrf", other.csrfToken(cluster.b().url() + "/dashboard")));
		assertThat(logout.headers().firstValue("X-Served-By")).contains("replica-b");
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/?logout"));

		HttpResponse<String> afterward = new WebClient().withSessionCookie(cookie)
			.get(cluster.a().url() + "/dashboard");
		assertThat(afterward.statusCode()).isEqualTo(302);
		assertThat(afterward.headers().firstValue("X-Served-By")).contains("replica-a");
	}

	/**
	 * A request with any Host header (HttpClient will not send a forged one); what came
	 * back.
	 */
	private static String rawGet(String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", cluster.nginx().port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET /nginx-health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
