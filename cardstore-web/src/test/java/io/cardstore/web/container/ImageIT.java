package io.cardstore.web.container;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as {@code cardstore-web/Dockerfile} builds it ({@value ContainerTests#IMAGE},
 * which {@code docker compose build} makes), run as an orchestrator runs it, against a
 * Redis container on a network of their own: it starts as an unprivileged user from its
 * JDK AOT cache, reports ready on the management port, serves the store's pages, passes
 * its own health check, and stops gracefully on SIGTERM.
 */
class ImageIT {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static Network network;

	static GenericContainer<?> redis;

	static GenericContainer<?> store;

	@BeforeAll
	static void start() {
		network = Network.newNetwork();
		redis = new GenericContainer<>(ContainerTests.REDIS).withNetwork(network)
			.withNetworkAliases("redis")
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
		redis.start();
		store = storeContainer().withExposedPorts(8080, 8081);
		long started = System.nanoTime();
		store.start();
		System.out.println("The image was ready " + Duration.ofNanos(System.nanoTime() - started).toMillis()
				+ " ms after it was started");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { store, redis, network }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// Closing what is left; the assertions have spoken.
			}
		}
	}

	@Test
	void itRunsAsAnUnprivilegedUser() throws Exception {
		ExecResult id = store.execInContainer("id", "-u");
		assertThat(id.getStdout().trim()).isEqualTo("10001");
	}

	@Test
	void theJvmRunsFromTheAotCacheTheImageTrained() throws Exception {
		// The cache is mapped into the JVM's memory (process 1: the exec-form entry
		// point) when it is used.
		ExecResult maps = store.execInContainer("grep", "-c", "app.aot", "/proc/1/maps");
		assertThat(Integer.parseInt(maps.getStdout().trim())).isPositive();
		assertThat(store.getLogs()).doesNotContainIgnoringCase("unable to use")
			.doesNotContainPattern("\\[(warning|error)\\]\\[(aot|cds)")
			.doesNotContain("A restricted method")
			.contains("Starting AOT-processed CardStoreApplication");
	}

	@Test
	void theStoreServesItsPagesOnPort8080() throws Exception {
		HttpResponse<String> home = http.send(HttpRequest.newBuilder(url(8080, "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("CardStore");
		// The operations endpoints are on their own port only.
		assertThat(http
			.send(HttpRequest.newBuilder(url(8080, "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void theImagesHealthCheckPassesInsideTheContainer() throws Exception {
		// What the container got from the image's HEALTHCHECK (an OCI-format build would
		// have dropped it), as the
		// engine runs it.
		HealthCheck check = store.getDockerClient()
			.inspectContainerCmd(store.getContainerId())
			.exec()
			.getConfig()
			.getHealthcheck();
		assertThat(check).as("the image's HEALTHCHECK").isNotNull();
		List<String> test = check.getTest();
		assertThat(test).first().isEqualTo("CMD-SHELL");
		assertThat(test.get(1)).contains(":8081/actuator/health/readiness");
		ExecResult result = store.execInContainer("sh", "-c", test.get(1));
		assertThat(result.getExitCode()).as(result.getStdout() + result.getStderr()).isZero();
	}

	@Test
	void aSigtermStopsItGracefully() {
		// A container of its own, so that the other tests keep theirs.
		try (GenericContainer<?> stopping = storeContainer().withExposedPorts(8081)) {
			stopping.start();
			DockerClient docker = stopping.getDockerClient();
			long started = System.nanoTime();
			docker.stopContainerCmd(stopping.getContainerId()).withTimeout(30).exec();
			long stopMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
			InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(stopping.getContainerId())
				.exec()
				.getState();
			String logs = stopping.getLogs();
			System.out.println("Stopped by SIGTERM in " + stopMillis + " ms, exit code " + state.getExitCodeLong());
			// 143: the JVM ended on SIGTERM after its shutdown hooks, not killed after
			// the 30 s.
			assertThat(state.getExitCodeLong()).isEqualTo(143L);
			assertThat(stopMillis).isLessThan(25_000);
			assertThat(logs).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
		}
	}

	/**
	 * The store's image on the network with Redis, not started; taken as ready once
	 * readiness says UP.
	 */
	private static GenericContainer<?> storeContainer() {
		return new GenericContainer<>(ContainerTests.image()).withNetwork(network)
			.withEnv("SPRING_DATA_REDIS_HOST", "redis")
			.withEnv("SPRING_CLOUD_AWS_REGION_STATIC", "eu-west-1")
			// Nothing here answers for SQS: the mail listener stays stopped.
			.withEnv("SPRING_CLOUD_AWS_SQS_LISTENER_AUTO_STARTUP", "false")
			.waitingFor(
					Wait.forHttp("/actuator/health/readiness").forPort(8081).withStartupTimeout(Duration.ofMinutes(2)));
	}

	private static URI url(int port, String path) {
		return URI.create("http://" + store.getHost() + ":" + store.getMappedPort(port) + path);
	}

}
