package io.cardstore.web;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the failure of {@code ./mvnw spring-boot:run} on a machine where no Docker engine
 * answers into one line saying what to do, instead of a stack trace: that command starts
 * the backing services with Spring Boot's Docker Compose support, while
 * {@code spring-boot:test-run} starts them natively. Spring Boot's Docker Compose module
 * is there in development only (the jar leaves it out), so its exceptions are recognised
 * by name, not by type.
 */
class DockerComposeFailureAnalyzer implements FailureAnalyzer {

	/**
	 * The package of Spring Boot's exceptions for a Docker CLI that is missing or finds
	 * no engine.
	 */
	private static final String DOCKER_EXCEPTIONS = "org.springframework.boot.docker.compose.core.Docker";

	static final String ACTION = "Start a Docker engine, or run the store with native backing services (redis-server "
			+ "from the PATH, the AWS emulators from Maven Central): ./mvnw -pl cardstore-web -am spring-boot:test-run";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getName().startsWith(DOCKER_EXCEPTIONS)) {
				return new FailureAnalysis(
						"spring-boot:run starts Redis, LocalStack and Mailpit from docker-compose.yml, "
								+ "and Docker answered: " + cause.getMessage(),
						ACTION, cause);
			}
		}
		return null;
	}

}
