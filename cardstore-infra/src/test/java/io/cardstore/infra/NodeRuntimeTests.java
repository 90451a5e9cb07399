package io.cardstore.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Node.js check before synthesis: a supported line passes, anything else names what
 * to install.
 */
class NodeRuntimeTests {

	@Test
	void theNodeThisBuildRunsOnIsSupported() {
		NodeRuntime node = NodeRuntime.current();

		assertThat(node.requireSupported().major()).isGreaterThanOrEqualTo(NodeRuntime.OLDEST_SUPPORTED);
	}

	@Test
	void anEndOfLifeNodeIsRefusedWithWhatToInstall() {
		assertThatIllegalStateException().isThrownBy(() -> new NodeRuntime("node", "v20.20.2\n").requireSupported())
			.withMessageContaining("'node' is v20.20.2, past its end of life")
			.withMessageContaining("install Node.js 22 or newer");
	}

	@Test
	void aMissingNodeIsRefusedWithWhatToInstall() {
		NodeRuntime missing = new NodeRuntime("/nowhere/node", null);

		assertThat(missing.major()).isEqualTo(-1);
		assertThatIllegalStateException().isThrownBy(missing::requireSupported)
			.withMessageContaining("'/nowhere/node --version' did not run")
			.withMessageContaining("JSII_NODE");
	}

	@Test
	void supportedLinesPass() {
		assertThat(new NodeRuntime("node", "v22.23.5").requireSupported().major()).isEqualTo(22);
		assertThat(new NodeRuntime("node", "v24.22.3\n").requireSupported().major()).isEqualTo(24);
	}

}
