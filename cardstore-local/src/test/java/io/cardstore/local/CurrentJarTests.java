package io.cardstore.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a compiled file sits in the application jar; whether the jar this build packaged
 * is current is {@code CurrentJarIT}'s, in {@code cardstore-web}, which has the jar.
 */
class CurrentJarTests {

	@Test
	void resourcesUnderMetaInfArePackedAtTheJarsRootAndClassesUnderBootInf() {
		assertThat(CurrentJar.packedName("META-INF/build-info.properties")).isEqualTo("META-INF/build-info.properties");
		assertThat(CurrentJar.packedName("io/cardstore/web/CardStoreApplication.class"))
			.isEqualTo("BOOT-INF/classes/io/cardstore/web/CardStoreApplication.class");
	}

}
