package io.cardstore.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the JDK AOT cache is trained again: when the jar holds other classes or libraries,
 * not when the same classes were only packaged again.
 */
class AotCacheTrainingTests {

	@TempDir
	Path directory;

	@Test
	void theSameClassesPackagedAgainKeepTheCache() throws IOException {
		Path first = jar("first.jar", Instant.parse("2026-12-01T10:00:00Z"), "Store.class", "v1",
				"META-INF/build-info.properties", "build.time=2026-12-01T10:00:00Z", "BOOT-INF/classes/git.properties",
				"git.commit.id=aaaa", "Store__BeanDefinitions.class", "generated", "Store$$SpringCGLIB$$0.class",
				"generated");
		Path again = jar("again.jar", Instant.parse("2026-12-02T18:00:00Z"), "Store.class", "v1",
				"META-INF/build-info.properties", "build.time=2026-12-02T18:00:00Z", "BOOT-INF/classes/git.properties",
				"git.commit.id=bbbb", "Store__BeanDefinitions.class", "in another order", "Store$$SpringCGLIB$$0.class",
				"another constant pool");

		assertThat(AotCacheTraining.contentDigest(again)).isEqualTo(AotCacheTraining.contentDigest(first));
	}

	@Test
	void anotherClassTrainsItAgain() throws IOException {
		Instant now = Instant.parse("2026-12-02T18:00:00Z");
		Path before = jar("before.jar", now, "Store.class", "v1", "META-INF/build-info.properties", "build.time=1");
		Path changed = jar("changed.jar", now, "Store.class", "v2", "META-INF/build-info.properties", "build.time=1");
		Path added = jar("added.jar", now, "Store.class", "v1", "Cart.class", "v1", "META-INF/build-info.properties",
				"build.time=1");

		assertThat(AotCacheTraining.contentDigest(changed)).isNotEqualTo(AotCacheTraining.contentDigest(before));
		assertThat(AotCacheTraining.contentDigest(added)).isNotEqualTo(AotCacheTraining.contentDigest(before));
	}

	/**
	 * A jar of these entries (name, then content), every one of them written at
	 * {@code time}.
	 */
	private Path jar(String name, Instant time, String... entries) throws IOException {
		Path jar = this.directory.resolve(name);
		try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
			for (int i = 0; i < entries.length; i += 2) {
				ZipEntry entry = new ZipEntry(entries[i]);
				entry.setLastModifiedTime(FileTime.from(time));
				zip.putNextEntry(entry);
				zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return jar;
	}

}
