package io.cardstore.web.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import io.cardstore.local.CurrentJar;
import io.cardstore.local.PackagedApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cluster starts its replicas as the image does only from a jar packaged from
 * the classes compiled now: the jar this build packaged is one, whatever the build wrote
 * anew; a jar that differs in one class, or lacks a resource, is not.
 */
class CurrentJarIT {

	@TempDir
	Path directory;

	@Test
	void theJarThisBuildPackagedHoldsTheCurrentClasses() {
		assertThat(CurrentJar.isCurrent(PackagedApplication.jar())).isTrue();
	}

	@Test
	void aJarWithAnotherVersionOfOneClassIsStale() throws IOException {
		Path stale = copy((name, content) -> name.equals("BOOT-INF/classes/io/cardstore/web/CardStoreApplication.class")
				? append(content, (byte) 0) : content);
		assertThat(CurrentJar.isCurrent(stale)).isFalse();
	}

	@Test
	void aJarWithoutAResourceOfTheApplicationIsStale() throws IOException {
		Path stale = copy((name, content) -> name.startsWith("META-INF/native-image/") ? null : content);
		assertThat(CurrentJar.isCurrent(stale)).isFalse();
	}

	@Test
	void aJarThatIsNotThereIsNotCurrent() {
		assertThat(CurrentJar.isCurrent(this.directory.resolve("missing.jar"))).isFalse();
	}

	/**
	 * The built jar, each entry's content passed through {@code change} (null leaves the
	 * entry out).
	 */
	private Path copy(BiFunction<String, byte[], byte[]> change) throws IOException {
		Path copy = this.directory.resolve("cardstore-web.jar");
		try (InputStream in = Files.newInputStream(PackagedApplication.jar());
				ZipInputStream entries = new ZipInputStream(in);
				OutputStream out = Files.newOutputStream(copy);
				ZipOutputStream zip = new ZipOutputStream(out)) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				byte[] content = change.apply(entry.getName(), entries.readAllBytes());
				if (content != null) {
					zip.putNextEntry(new ZipEntry(entry.getName()));
					zip.write(content);
					zip.closeEntry();
				}
			}
		}
		return copy;
	}

	private static byte[] append(byte[] content, byte extra) {
		byte[] longer = Arrays.copyOf(content, content.length + 1);
		longer[content.length] = extra;
		return longer;
	}

}
