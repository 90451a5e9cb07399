package io.cardstore.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Where backing services come from: containers when a Docker engine answers, native
 * servers from the PATH and Maven Central otherwise. The choice can be forced with the
 * {@value #PROPERTY} system property or the {@code CARDSTORE_BACKING_SERVICES}
 * environment variable ({@code containers} or {@code native}).
 */
public enum BackingServicesProvider {

	CONTAINERS, NATIVE;

	public static final String PROPERTY = "cardstore.backing-services";

	private static volatile @Nullable BackingServicesProvider detected;

	/** The provider this JVM uses, resolved once. */
	public static BackingServicesProvider current() {
		BackingServicesProvider provider = detected;
		if (provider == null) {
			synchronized (BackingServicesProvider.class) {
				provider = detected;
				if (provider == null) {
					provider = resolve(System.getProperty(PROPERTY, System.getenv("CARDSTORE_BACKING_SERVICES")));
					detected = provider;
				}
			}
		}
		return provider;
	}

	static BackingServicesProvider resolve(String requested) {
		if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
			return dockerAnswers() ? CONTAINERS : NATIVE;
		}
		try {
			return valueOf(requested.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown backing-services provider '" + requested + "': use 'containers', 'native' or 'auto'", ex);
		}
	}

	private static boolean dockerAnswers() {
		// Testcontainers is asked only where an engine may be: where there is none, it
		// logs an
		// error with a stack trace for every way it tried, before the native servers
		// start fine.
		if (!mayHaveDockerEngine(System.getenv("DOCKER_HOST"),
				usualPlaces(Path.of(System.getProperty("user.home")), System.getenv("XDG_RUNTIME_DIR")))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Whether a Docker engine may answer: one is configured ({@code DOCKER_HOST}), or one
	 * of the places an engine or Testcontainers' settings would be exists.
	 */
	static boolean mayHaveDockerEngine(String dockerHost, List<Path> places) {
		return (dockerHost != null && !dockerHost.isBlank()) || places.stream().anyMatch(Files::exists);
	}

	/**
	 * Where engines put their sockets (Linux, Docker Desktop, Colima, Rancher Desktop,
	 * Podman) and Testcontainers its settings.
	 */
	static List<Path> usualPlaces(Path home, String runtimeDirectory) {
		Path runtime = Path.of((runtimeDirectory != null) ? runtimeDirectory : "/run/user/0");
		return List.of(Path.of("/var/run/docker.sock"), home.resolve(".testcontainers.properties"),
				home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
				home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock"),
				runtime.resolve("podman/podman.sock"), runtime.resolve("docker.sock"));
	}

}
