package io.cardstore.testing;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.aether.RepositorySystem;
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

/**
 * Resolves an artifact and its runtime dependencies from Maven Central, through the local
 * Maven repository, so that an emulator can run in a JVM of its own with exactly the class
 * path it was built for, whatever versions the application under test uses.
 */
public final class MavenArtifacts {

	private static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default",
			"https://repo.maven.apache.org/maven2/")
		.build();

	private MavenArtifacts() {
	}

	/** The files of an artifact ({@code group:artifact:version}) and its runtime dependencies. */
	public static List<Path> resolve(String coordinates) {
		try (RepositorySystem system = new RepositorySystemSupplier().get();
				CloseableSession session = new SessionBuilderSupplier(system).get()
					.withLocalRepositoryBaseDirectories(localRepository())
					.build()) {
			CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME),
					List.of(CENTRAL));
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
			throw new IllegalStateException("Could not fetch " + coordinates + " from Maven Central (or "
					+ localRepository() + "): " + ex.getMessage(), ex);
		}
	}

	private static Path localRepository() {
		String configured = System.getProperty("maven.repo.local");
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

}
