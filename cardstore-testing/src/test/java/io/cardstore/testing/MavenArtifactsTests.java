package io.cardstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.settings.Settings;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulators are fetched as Maven fetches the build's dependencies: through Maven's
 * settings.
 */
class MavenArtifactsTests {

	@TempDir
	Path directory;

	@Test
	void aMirrorProxyAndCredentialsInMavensSettingsApplyToMavenCentral() throws IOException {
		Path file = this.directory.resolve("settings.xml");
		Files.writeString(file, """
				<settings>
				  <localRepository>%s</localRepository>
				  <mirrors>
				    <mirror><id>company</id><url>https://repo.example.com/maven</url><mirrorOf>*</mirrorOf></mirror>
				  </mirrors>
				  <servers>
				    <server><id>company</id><username>builder</username><password>secret</password></server>
				  </servers>
				  <proxies>
				    <proxy><id>office</id><active>true</active><protocol>https</protocol><host>proxy.example.com</host>
				      <port>3128</port><nonProxyHosts>localhost</nonProxyHosts></proxy>
				  </proxies>
				</settings>
				""".formatted(this.directory.resolve("repository")));
		Settings settings = MavenArtifacts.settings(file, null);

		try (RepositorySystem system = new RepositorySystemSupplier().get();
				CloseableSession session = MavenArtifacts
					.withSettings(new SessionBuilderSupplier(system).get(), settings)
					.withLocalRepositoryBaseDirectories(MavenArtifacts.localRepository(settings))
					.build()) {
			List<RemoteRepository> repositories = system.newResolutionRepositories(session,
					List.of(new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/")
						.build()));
			assertThat(repositories).singleElement().satisfies(repository -> {
				assertThat(repository.getId()).isEqualTo("company");
				assertThat(repository.getUrl()).isEqualTo("https://repo.example.com/maven");
				assertThat(repository.getProxy().getHost()).isEqualTo("proxy.example.com");
				assertThat(repository.getProxy().getPort()).isEqualTo(3128);
				assertThat(repository.getAuthentication()).isNotNull();
			});
		}
		assertThat(MavenArtifacts.localRepository(settings)).isEqualTo(this.directory.resolve("repository"));
	}

	@Test
	void withoutSettingsMavenCentralIsUsedAsItIs() {
		Settings settings = MavenArtifacts.settings(this.directory.resolve("missing.xml"), null);
		assertThat(settings.getMirrors()).isEmpty();
		assertThat(settings.getProxies()).isEmpty();
	}

}
