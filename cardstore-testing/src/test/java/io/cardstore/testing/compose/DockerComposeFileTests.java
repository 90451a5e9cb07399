package io.cardstore.testing.compose;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file is checked statically, as far as that goes without a Docker engine:
 * {@code docker compose config} (v2, else v1's {@code docker-compose}) must accept it,
 * and what it resolves to must hold the cluster's essentials.
 */
class DockerComposeFileTests {

	@Test
	void dockerComposeAcceptsTheFileAndItDescribesTheCluster() throws IOException {
		String resolved = config();

		// YAML may fold long values over lines; compare with white space folded.
		assertThat(resolved.replaceAll("\\s+", " ")).contains("image: localstack/localstack:4.12.0")
			.contains("S3_SKIP_SIGNATURE_VALIDATION: '0'")
			.contains("CARDSTORE_SESSION_INSTANCE_ID: web1")
			.contains("CARDSTORE_SESSION_INSTANCE_ID: web2")
			.contains("server web1:8080")
			.contains("server web2:8080")
			.contains("condition: service_healthy")
			.contains("--appendonly")
			.contains("published: 8080")
			.contains("CARDSTORE_AWS_UPLOAD_BROWSER_ENDPOINT: http://localhost:4566")
			// The emulators, the mail catcher and Redis answer this machine only (Redis
			// on a port of the host's
			// choosing, for spring-boot:run).
			.contains("127.0.0.1:4566:4566")
			.contains("127.0.0.1:8025:8025")
			.contains("127.0.0.1:1025:1025")
			.contains("127.0.0.1::6379")
			// nginx's fixed address is outside the range the other containers get theirs
			// from.
			.contains("ip_range: 172.28.0.128/25")
			.doesNotContain("- 4566:4566")
			.doesNotContain("6379:6379");
		// The image trains its JDK AOT cache with the script the tests train theirs with,
		// and starts with it and with
		// the bean definitions generated when the jar was built (Spring AOT), as the
		// tests start replicas.
		assertThat(ProjectFiles.find("cardstore-web/Dockerfile")).content()
			.contains("USER cardstore")
			.contains("extract --layers")
			.contains(
					"ENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC\"")
			.contains("RUN sh /tmp/aot-training.sh app.aot cardstore-web.jar")
			.contains("ENTRYPOINT [\"java\", \"--enable-native-access=ALL-UNNAMED\", \"-XX:AOTCache=app.aot\", "
					+ "\"-Dspring.aot.enabled=true\", \"-jar\", \"cardstore-web.jar\"]");
		assertThat(ProjectFiles.find("localstack/init/ready.d/01-cardstore-resources.sh")).isExecutable();
	}

	@Test
	void nginxAndTheReplicasAreTheProfileThatDockerComposeUpStartsAndSpringBootRunLeavesOut() throws IOException {
		Map<String, String> services = services(config());
		assertThat(services).containsOnlyKeys("nginx", "web1", "web2", "redis", "localstack", "mailpit", "prometheus",
				"grafana");
		for (String inCluster : List.of("nginx", "web1", "web2")) {
			assertThat(services.get(inCluster)).as(inCluster).contains("profiles: - cluster");
		}
		// No profile: spring-boot:run starts them with a profile no service has
		// ("backing-services").
		for (String backing : List.of("redis", "localstack", "mailpit")) {
			assertThat(services.get(backing)).as(backing).doesNotContain("profiles:");
		}
		// A plain "docker compose up" starts the cluster.
		assertThat(ProjectFiles.find(".env")).content().containsPattern("(?m)^COMPOSE_PROFILES=cluster$");
	}

	@Test
	void theObservabilityProfileAddsPrometheusAndGrafanaOnLoopbackWithTheProjectsConfiguration() throws IOException {
		Map<String, String> services = services(
				DockerCompose.find().run("--profile", "cluster", "--profile", "observability", "config").successful());
		assertThat(services).containsKeys("nginx", "web1", "web2", "prometheus", "grafana");
		assertThat(services.get("prometheus")).contains("profiles: - observability")
			.contains("/observability/prometheus.yml")
			.contains("/etc/prometheus/prometheus.yml")
			.contains("127.0.0.1")
			.contains("9090");
		assertThat(services.get("grafana")).contains("profiles: - observability")
			.contains("/observability/grafana/provisioning")
			.contains("/observability/grafana/dashboards")
			.contains("127.0.0.1")
			.contains("3000");
		// Not in the profile "cluster" that .env names: a plain "docker compose up"
		// leaves them out.
		assertThat(services.get("prometheus") + services.get("grafana")).doesNotContain("- cluster");
	}

	private static String config() throws IOException {
		return DockerCompose.find().run("config").successful();
	}

	/**
	 * Each service of the resolved file, by name, with its definition's white space
	 * folded.
	 */
	private static Map<String, String> services(String resolved) {
		Map<String, String> services = new LinkedHashMap<>();
		String current = null;
		boolean inServices = false;
		for (String line : resolved.split("\n")) {
			if (!line.startsWith(" ")) {
				inServices = line.equals("services:");
				current = null;
			}
			else if (inServices && line.matches("  [a-z0-9]+:")) {
				current = line.trim().replace(":", "");
				services.put(current, "");
			}
			else if (current != null) {
				services.merge(current, " " + line.trim(), String::concat);
			}
		}
		return services;
	}

}
