package io.cardstore.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import io.cardstore.testing.ProjectFiles;
import org.jspecify.annotations.Nullable;

/**
 * Whether the application jar holds the classes and resources compiled now, of
 * {@code cardstore-web} and of the modules it packs as jars: the local cluster starts its
 * replicas from the jar, as the image does, only then. Compared by content, since a build
 * writes files anew even when they did not change, and a jar plugin that finds nothing to
 * do keeps its old file.
 */
public final class CurrentJar {

	/**
	 * Written anew by every build (the build's time and commit), or for the build alone
	 * (property metadata).
	 */
	private static final Set<String> NOT_COMPARED = Set.of("git.properties", "META-INF/build-info.properties",
			"META-INF/spring-configuration-metadata.json");

	private CurrentJar() {
	}

	/**
	 * Whether {@code jar} was packaged from what the modules' {@code target/classes} hold
	 * now.
	 */
	public static boolean isCurrent(Path jar) {
		if (!Files.isRegularFile(jar)) {
			return false;
		}
		try (ZipFile application = new ZipFile(jar.toFile())) {
			if (!holds(ProjectFiles.find("cardstore-web/target/classes"),
					path -> read(application, packedName(path)))) {
				return false;
			}
			for (String module : List.of("cardstore-session", "cardstore-market", "cardstore-aws")) {
				Map<String, byte[]> packed = packedModule(application, module);
				if (packed == null || !holds(ProjectFiles.find(module + "/target/classes"), packed::get)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * Where Spring Boot's repackaging puts a file of the application's classes:
	 * {@code META-INF} at the jar's root, where the JVM and Spring Boot's launcher look
	 * for it, everything else under {@code BOOT-INF/classes}.
	 */
	static String packedName(String path) {
		return path.startsWith("META-INF/") ? path : "BOOT-INF/classes/" + path;
	}

	private static @Nullable Map<String, byte[]> packedModule(ZipFile application, String module) throws IOException {
		ZipEntry packed = application.stream()
			.filter(entry -> entry.getName().startsWith("BOOT-INF/lib/" + module + "-"))
			.findFirst()
			.orElse(null);
		if (packed == null) {
			return null;
		}
		Map<String, byte[]> content = new HashMap<>();
		try (ZipInputStream entries = new ZipInputStream(application.getInputStream(packed))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				content.put(entry.getName(), entries.readAllBytes());
			}
		}
		return content;
	}

	/**
	 * Whether every compiled file but those {@link #NOT_COMPARED} has the content of the
	 * packed one.
	 */
	private static boolean holds(Path classes, Function<String, byte @Nullable []> packed) throws IOException {
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String path = classes.relativize(file).toString().replace('\\', '/');
				if (!NOT_COMPARED.contains(path) && !Arrays.equals(Files.readAllBytes(file), packed.apply(path))) {
					return false;
				}
			}
			return true;
		}
	}

	private static byte @Nullable [] read(ZipFile zip, String name) {
		ZipEntry entry = zip.getEntry(name);
		if (entry == null) {
			return null;
		}
		try (InputStream in = zip.getInputStream(entry)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
