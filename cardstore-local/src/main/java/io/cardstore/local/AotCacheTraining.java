package io.cardstore.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.ProjectFiles;

import org.springframework.util.FileSystemUtils;

/**
 * The jar extracted by Spring Boot's tools as the image build extracts it, and its JDK
 * AOT cache trained by {@code cardstore-web/aot-training.sh}, the script the image build
 * runs, both in {@code target/aot-cache}. They are made again only when what the cache
 * was trained for changes: the jar's content, the JDK or the script, as a stamp beside
 * them records.
 */
final class AotCacheTraining {

	/** The application jar's name in the extracted layout, as in the image. */
	static final String APPLICATION_JAR = "cardstore-web.jar";

	/**
	 * The entries of the jar every build writes afresh: the build's time, and the git
	 * commit and state.
	 */
	static final Set<String> REWRITTEN_BY_EVERY_BUILD = Set.of("META-INF/build-info.properties",
			"BOOT-INF/classes/git.properties", "BOOT-INF/layers.idx");

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

	private final Path jar;

	private final Path java;

	private final String jdk;

	private final Path directory;

	/**
	 * @param jar the jar the package phase built
	 * @param java the {@code java} launcher of the JDK that extracts and trains
	 * @param jdk that JDK as the stamp records it, to train again on another
	 */
	AotCacheTraining(Path jar, Path java, String jdk) {
		this.jar = jar;
		this.java = java;
		this.jdk = jdk;
		this.directory = jar.resolveSibling("aot-cache");
	}

	/** The application jar of the extracted layout. */
	Path extractedJar() {
		return this.directory.resolve("application").resolve(APPLICATION_JAR);
	}

	/** The trained cache. */
	Path cache() {
		return this.directory.resolve("app.aot");
	}

	/**
	 * Extracts the jar and trains its cache, unless the cache there was trained for this
	 * jar, JDK and script.
	 */
	void trainIfOutOfDate() {
		Path extracted = this.directory.resolve("application");
		Path extractedJar = extractedJar();
		Path cache = cache();
		Path stamp = this.directory.resolve("trained-for.properties");
		Path script = ProjectFiles.find("cardstore-web/aot-training.sh");
		Properties trainedFor = new Properties();
		trainedFor.setProperty("jar", contentDigest(this.jar));
		trainedFor.setProperty("jdk", this.jdk);
		trainedFor.setProperty("script", sha256(script));
		if (Files.isRegularFile(cache) && trainedFor.equals(PackagedApplication.load(stamp))) {
			return;
		}
		System.out.println(
				"Extracting " + this.jar.getFileName() + " and training its AOT cache in " + this.directory + "...");
		long started = System.nanoTime();
		Path log = this.directory.resolve("training.log");
		try {
			FileSystemUtils.deleteRecursively(this.directory);
			Files.createDirectories(this.directory);
			// The layers of the image, merged as its COPY instructions merge them: the
			// jar and lib/.
			run(List.of(this.java.toString(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract",
					"--destination", extracted.toString(), "--application-filename", APPLICATION_JAR), this.directory,
					log, List.of());
			List<String> training = new ArrayList<>(
					List.of("sh", script.toString(), cache.toString(), extractedJar.toString()));
			training.addAll(PackagedApplication.IMAGE_JVM_OPTIONS);
			run(training, extracted, log, List.of("JAVA=" + this.java, "SERVER_PORT=" + NativeProcess.freePort(),
					"MANAGEMENT_PORT=" + NativeProcess.freePort()));
			try (var out = Files.newOutputStream(stamp)) {
				trainedFor.store(out, "What " + cache.getFileName() + " was trained for");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out
			.println("Trained the AOT cache in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
	}

	private static void run(List<String> command, Path directory, Path log, List<String> environment)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		environment.forEach(variable -> builder.environment()
			.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1)));
		Process process = builder.start();
		try {
			if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						command + " did not finish within " + TRAINING_TIMEOUT + "; see " + log);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
		if (process.exitValue() != 0) {
			List<String> lines = Files.readAllLines(log);
			throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + "; the end of "
					+ log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
		}
	}

	/**
	 * A digest of what the jar holds, whatever its entries' times: each entry's name,
	 * size and CRC, but for what every build writes afresh
	 * ({@link #isRewrittenByEveryBuild}). Packaging again the same classes keeps the
	 * trained cache, as a second run of the local cluster expects; a change of the
	 * sources, the settings or a library changes entries that count.
	 */
	static String contentDigest(Path jar) {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			zip.stream()
				.filter(entry -> !isRewrittenByEveryBuild(entry.getName()))
				.sorted(Comparator.comparing(ZipEntry::getName))
				.forEach(entry -> digest.update((entry.getName() + " " + entry.getSize() + " " + entry.getCrc() + "\n")
					.getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether every build writes this entry afresh, though nothing it is made from
	 * changed: the build's time, the git state, the layer index, and what Spring AOT
	 * generates from the classes (its bean registrations and CGLIB proxies come out in
	 * another order or with other constant pools from one build to the next).
	 */
	static boolean isRewrittenByEveryBuild(String entry) {
		return REWRITTEN_BY_EVERY_BUILD.contains(entry) || entry.contains("$$SpringCGLIB$$")
				|| entry.contains("__BeanFactoryRegistrations") || entry.contains("__BeanDefinitions");
	}

	private static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[65536];
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
