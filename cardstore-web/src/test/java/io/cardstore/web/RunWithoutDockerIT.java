package io.cardstore.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./mvnw spring-boot:run} does where no Docker engine answers: the
 * application, with Spring Boot's Docker Compose support on its class path as in that
 * run, stops at once, names the command that works without Docker and prints no stack
 * trace. Run in a JVM of its own, as the Maven plugin runs it, with {@code DOCKER_HOST}
 * naming a socket nobody listens on.
 */
class RunWithoutDockerIT {

	@Test
	void theApplicationStopsWithTheCommandThatNeedsNoDocker() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				CardStoreApplication.class.getName(),
				"--spring.docker.compose.file=" + ProjectFiles.find("docker-compose.yml"),
				"--spring.docker.compose.profiles.active=backing-services", "--server.port=0",
				"--management.server.port=0")
			.redirectErrorStream(true);
		builder.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
		Process run = builder.start();
		String output = new String(run.getInputStream().readAllBytes());

		assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(output).isNotZero();
		assertThat(output).contains(DockerComposeFailureAnalyzer.ACTION)
			.contains("./mvnw -pl cardstore-web -am spring-boot:test-run")
			.doesNotContainPattern("\\n\\s+at [a-z]");
		assertThat(List.of(output.split("\n"))).noneMatch(line -> line.contains("Exception"));
	}

}
