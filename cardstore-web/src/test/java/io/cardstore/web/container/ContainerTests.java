package io.cardstore.web.container;

import org.testcontainers.utility.DockerImageName;

/**
 * What the container tests run: the store's image as {@code docker compose build} names
 * it, and the Redis image of {@code docker-compose.yml}. They run with
 * {@code -Pcontainer-tests}, against a Docker engine (or podman's Docker API), after the
 * image is built.
 */
final class ContainerTests {

	/**
	 * The image {@code docker-compose.yml} builds; {@code -Dcardstore.image} names
	 * another.
	 */
	static final String IMAGE = "cardstore-web:local";

	static final DockerImageName REDIS = DockerImageName.parse("redis:7.4-alpine");

	private ContainerTests() {
	}

	static DockerImageName image() {
		return DockerImageName.parse(System.getProperty("cardstore.image", IMAGE));
	}

}
