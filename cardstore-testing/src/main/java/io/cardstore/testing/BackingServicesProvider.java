package io.cardstore.testing;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Where backing services come from: containers when a Docker engine answers, native
 * servers from the PATH and Maven Central otherwise. The choice can be forced with the
 * {@value #PROPERTY} system property or the {@code CARDSTORE_BACKING_SERVICES} environment
 * variable ({@code containers} or {@code native}).
 */
public enum BackingServicesProvider {

	CONTAINERS, NATIVE;

	public static final String PROPERTY = "cardstore.backing-services";

	private static volatile BackingServicesProvider detected;

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
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
