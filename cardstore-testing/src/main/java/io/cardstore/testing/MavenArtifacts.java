package io.cardstore.testing;

import java.nio.file.Path;
import java.util.List;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Resolves an artifact and its runtime dependencies as Maven would, so that an emulator
 * can run in a JVM of its own with exactly the class path it was built for, whatever
 * versions the application under test uses. Maven's settings apply, as they do to the
 * build: the local repository, mirrors (a company's repository manager in place of Maven
 * Central), proxies and the servers' credentials, from {@code ~/.m2/settings.xml} (or
 * {@code -Dcardstore.maven.settings}) and {@code $MAVEN_HOME/conf/settings.xml} (from
 * {@code -Dmaven.home}).
 */
public final class MavenArtifacts {

	private static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default",
			"https://repo.maven.apache.org/maven2/")
		.build();

	private MavenArtifacts() {
	}

	/**
	 * The files of an artifact ({@code group:artifact:version}) and its runtime
	 * dependencies.
	 */
	public static List<Path> resolve(String coordinates) {
		Settings settings = settings();
		Path localRepository = localRepository(settings);
		try (RepositorySystem system = new RepositorySystemSupplier().get();
				CloseableSession session = withSettings(new SessionBuilderSupplier(system).get(), settings)
					.withLocalRepositoryBaseDirectories(localRepository)
					.build()) {
			List<RemoteRepository> repositories = system.newResolutionRepositories(session, List.of(CENTRAL));
			CollectRequest collect = new CollectRequest(
					new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME), repositories);
			DependencyRequest request = new DependencyRequest(collect,
					DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
			return system.resolveDependencies(session, request)
				.getArtifactResults()
				.stream()
				.map(ArtifactResult::getArtifact)
				.map(artifact -> artifact.getPath())
				.toList();
		}
		catch (DependencyResolutionException ex) {
			throw new IllegalStateException("Could not fetch " + coordinates + " from Maven Central or its mirror in "
					+ "Maven's settings (or " + localRepository + "): " + ex.getMessage(), ex);
		}
	}

	/** Maven's settings: the user's over the installation's, as Maven merges them. */
	static Settings settings() {
		return settings(
				Path.of(System.getProperty("cardstore.maven.settings",
						Path.of(System.getProperty("user.home"), ".m2", "settings.xml").toString())),
				System.getProperty("maven.home"));
	}

	static Settings settings(Path userSettings, String mavenHome) {
		DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
		request.setUserSettingsFile(userSettings.toFile());
		if (mavenHome != null) {
			request.setGlobalSettingsFile(Path.of(mavenHome, "conf", "settings.xml").toFile());
		}
		request.setSystemProperties(System.getProperties());
		try {
			return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
		}
		catch (SettingsBuildingException ex) {
			throw new IllegalStateException("Maven's settings cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The session with the mirrors, active proxies and server credentials of these
	 * settings.
	 */
	static RepositorySystemSession.SessionBuilder withSettings(RepositorySystemSession.SessionBuilder session,
			Settings settings) {
		DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
		for (Mirror mirror : settings.getMirrors()) {
			mirrors.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
					mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
		}
		DefaultProxySelector proxies = new DefaultProxySelector();
		for (Proxy proxy : settings.getProxies()) {
			if (proxy.isActive()) {
				proxies
					.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
							new AuthenticationBuilder().addUsername(proxy.getUsername())
								.addPassword(proxy.getPassword())
								.build()),
							proxy.getNonProxyHosts());
			}
		}
		DefaultAuthenticationSelector credentials = new DefaultAuthenticationSelector();
		for (Server server : settings.getServers()) {
			credentials.add(server.getId(),
					new AuthenticationBuilder().addUsername(server.getUsername())
						.addPassword(server.getPassword())
						.build());
		}
		return session.setMirrorSelector(mirrors).setProxySelector(proxies).setAuthenticationSelector(credentials);
	}

	/**
	 * {@code -Dmaven.repo.local}, else the settings' local repository, else
	 * {@code ~/.m2/repository}.
	 */
	static Path localRepository(Settings settings) {
		String configured = System.getProperty("maven.repo.local");
		if (configured != null) {
			return Path.of(configured);
		}
		if (settings.getLocalRepository() != null && !settings.getLocalRepository().isBlank()) {
			return Path.of(settings.getLocalRepository());
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	/**
	 * Prints the files of an artifact and its runtime dependencies, one a line, as the
	 * native backing services resolve them: for images that run the same emulators.
	 */
	static void main(String[] args) {
		resolve(args[0]).forEach(System.out::println);
	}

}
