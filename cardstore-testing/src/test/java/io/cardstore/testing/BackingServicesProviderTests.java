package io.cardstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BackingServicesProviderTests {

	@Test
	void aRequestedProviderIsUsedWhateverDockerSays() {
		assertThat(BackingServicesProvider.resolve("native")).isEqualTo(BackingServicesProvider.NATIVE);
		assertThat(BackingServicesProvider.resolve(" Containers ")).isEqualTo(BackingServicesProvider.CONTAINERS);
	}

	@Test
	void anUnknownProviderIsRefusedWithTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackingServicesProvider.resolve("podman"))
			.withMessageContaining("'podman'")
			.withMessageContaining("'containers', 'native' or 'auto'");
	}

	@Test
	void aMissingServerBinaryNamesThePackageToInstall() {
		assertThatIllegalStateException()
			.isThrownBy(() -> NativeProcess.executable("cardstore-no-such-server", "apt-get install no-such-server"))
			.withMessageContaining("cardstore-no-such-server is not on the PATH")
			.withMessageContaining("apt-get install no-such-server");
	}

	@Test
	void dockerIsAskedOnlyWhereAnEngineMayBe(@TempDir Path home) throws IOException {
		List<Path> places = BackingServicesProvider.usualPlaces(home, home.resolve("run").toString());
		List<Path> inHome = places.stream().filter(place -> place.startsWith(home)).toList();
		assertThat(BackingServicesProvider.mayHaveDockerEngine(null, inHome)).isFalse();
		assertThat(BackingServicesProvider.mayHaveDockerEngine("", inHome)).isFalse();
		assertThat(BackingServicesProvider.mayHaveDockerEngine("tcp://docker.example:2376", inHome)).isTrue();
		Files.createDirectories(home.resolve(".docker/run"));
		Files.createFile(home.resolve(".docker/run/docker.sock"));
		assertThat(BackingServicesProvider.mayHaveDockerEngine(null, inHome)).isTrue();
	}

}
