package io.cardstore.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BackingServicesProviderTest {

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

}
