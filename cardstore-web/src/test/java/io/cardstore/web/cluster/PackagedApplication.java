package io.cardstore.web.cluster;

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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.ProjectFiles;

/**
 * The packaged application, started the way its image starts it: the jar extracted by
 * Spring Boot's tools (the application jar and its {@code lib/}) and run on JDK 25 or
 * later with a JDK AOT cache, trained by {@code cardstore-web/aot-training.sh}, the
 * script the image build runs. Both live in {@code target/aot-cache} and are made again
 * only when the jar, the JDK or the script changes: the build makes them once before the
 * integration tests, and replicas, the local cluster and the startup benchmark reuse
 * them.
 * <p>
 * The JDK is {@code -Dcardstore.java25.home}, else the JVM running this when it is 25 or
 * later, else the newest one of 25 or later under {@code /usr/lib/jvm}. Without one,
 * replicas run the jar on the current JVM without a cache. Either way they run the code
 * the build generated ahead of time ({@link #SPRING_AOT}), as the image does.
 */
public final class PackagedApplication {

	/**
	 * The JVM options of the image ({@code JAVA_TOOL_OPTIONS} in
	 * cardstore-web/Dockerfile).
	 */
	public static final List<String> IMAGE_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75",
			"-XX:+ExitOnOutOfMemoryError", "-XX:+UseParallelGC");

	/**
	 * Has Spring Boot run the bean definitions the build generated ahead of time (Spring
	 * AOT), as the image's entry point does; {@link #WITHOUT_SPRING_AOT} among the JVM
	 * options switches it off.
	 */
	public static final String SPRING_AOT = "-Dspring.aot.enabled=true";

	/**
	 * Lets the libraries on the class path call native code (Netty loads its native
	 * transport) without JDK 25's warning, as the image's entry point does.
	 */
	public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

	/**
	 * Has Spring Boot work the bean definitions out at startup, for settings that decide
	 * which beans exist.
	 */
	public static final String WITHOUT_SPRING_AOT = "-Dspring.aot.enabled=false";

	/** The application jar's name in the extracted layout, as in the image. */
	static final String APPLICATION_JAR = "cardstore-web.jar";

	/**
	 * The entries of the jar every build writes afresh: the build's time, and the git
	 * commit and state.
	 */
	static final Set<String> REWRITTEN_BY_EVERY_BUILD = Set.of("META-INF/build-info.properties",
			"BOOT-INF/classes/git.properties", "BOOT-INF/layers.idx");

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

	private static PackagedApplication prepared;

	private final Path jar;

	private final Path java25Home;

	private final Path extractedJar;

	private final Path cache;

	private PackagedApplication(Path jar, Path java25Home, Path extractedJar, Path cache) {
		this.jar = jar;
		this.java25Home = java25Home;
		this.extractedJar = extractedJar;
		this.cache = cache;
	}

	/**
	 * The application ready to start: extracted and its cache trained if a JDK 25 or
	 * later is found and they are missing or out of date.
	 */
	public static synchronized PackagedApplication prepare() {
		if (prepared == null) {
			Path jar = jar();
			Optional<Path> java25 = findJava25();
			if (java25.isEmpty()) {
				System.out
					.println("No JDK 25 or later (-Dcardstore.java25.home, this JVM, /usr/lib/jvm): the application "
							+ "runs from its jar on this JVM, Java " + Runtime.version() + ", without an AOT cache");
				prepared = new PackagedApplication(jar, null, null, null);
			}
			else {
				prepared = extractAndTrain(jar, java25.get());
				System.out
					.println("The application runs extracted on Java " + release(java25.get(), "JAVA_RUNTIME_VERSION")
							+ " (" + java25.get() + ") with the AOT cache " + prepared.cache);
			}
		}
		return prepared;
	}

	/** The jar the package phase built. */
	public static Path jar() {
		Path jar = Path.of(System.getProperty("cardstore.jar", "target/cardstore-web.jar")).toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The application jar " + jar + " is missing: run the tests with 'verify', "
					+ "which packages it first");
		}
		return jar;
	}

	/** Whether the application runs on a JDK 25 or later with its AOT cache. */
	public boolean cached() {
		return this.cache != null;
	}

	/**
	 * The command that starts the application as the image does, where it can; see
	 * {@link #cached()}.
	 */
	public List<String> command(List<String> jvmOptions) {
		return cached() ? command(java(this.java25Home), asInTheImage(jvmOptions), this.cache, this.extractedJar)
				: jarOnThisJvm(withSpringAot(jvmOptions));
	}

	/** The extracted application on the JDK 25 without its cache, where there is one. */
	public Optional<List<String>> withoutCache(List<String> jvmOptions) {
		return cached() ? Optional.of(command(java(this.java25Home), asInTheImage(jvmOptions), null, this.extractedJar))
				: Optional.empty();
	}

	/**
	 * The jar as the package phase built it, on the JVM running this, with only the given
	 * options.
	 */
	public List<String> jarOnThisJvm(List<String> jvmOptions) {
		return command(java(Path.of(System.getProperty("java.home"))), jvmOptions, null, this.jar);
	}

	private static List<String> asInTheImage(List<String> jvmOptions) {
		List<String> options = new ArrayList<>(List.of(NATIVE_ACCESS));
		options.addAll(withSpringAot(jvmOptions));
		return options;
	}

	private static List<String> withSpringAot(List<String> jvmOptions) {
		List<String> options = new ArrayList<>(List.of(SPRING_AOT));
		options.addAll(jvmOptions);
		return options;
	}

	/** The Java version the cached command runs on. */
	public String javaVersion() {
		return cached() ? release(this.java25Home, "JAVA_RUNTIME_VERSION") : Runtime.version().toString();
	}

	private static List<String> command(Path java, List<String> jvmOptions, Path cache, Path jar) {
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		if (cache != null) {
			command.add("-XX:AOTCache=" + cache);
		}
		// The same path as in the training run: the cache holds the class path as it was
		// given.
		command.addAll(List.of("-jar", jar.toString()));
		return command;
	}

	private static PackagedApplication extractAndTrain(Path jar, Path java25Home) {
		Path directory = jar.getParent().resolve("aot-cache");
		Path extracted = directory.resolve("application");
		Path extractedJar = extracted.resolve(APPLICATION_JAR);
		Path cache = directory.resolve("app.aot");
		Path stamp = directory.resolve("trained-for.properties");
		Path script = ProjectFiles.find("cardstore-web/aot-training.sh");
		Properties trainedFor = new Properties();
		trainedFor.setProperty("jar", contentDigest(jar));
		trainedFor.setProperty("jdk", java25Home + " " + release(java25Home, "IMPLEMENTOR") + " "
				+ release(java25Home, "JAVA_RUNTIME_VERSION"));
		trainedFor.setProperty("script", sha256(script));
		if (Files.isRegularFile(cache) && trainedFor.equals(load(stamp))) {
			return new PackagedApplication(jar, java25Home, extractedJar, cache);
		}
		System.out.println("Extracting " + jar.getFileName() + " and training its AOT cache in " + directory + "...");
		long started = System.nanoTime();
		deleteRecursively(directory);
		Path log = directory.resolve("training.log");
		try {
			Files.createDirectories(directory);
			// The layers of the image, merged as its COPY instructions merge them: the
			// jar and lib/.
			run(List.of(java(java25Home).toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
					"--destination", extracted.toString(), "--application-filename", APPLICATION_JAR), directory, log,
					List.of());
			List<String> training = new ArrayList<>(
					List.of("sh", script.toString(), cache.toString(), extractedJar.toString()));
			training.addAll(IMAGE_JVM_OPTIONS);
			run(training, extracted, log, List.of("JAVA=" + java(java25Home), "SERVER_PORT=" + NativeProcess.freePort(),
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
		return new PackagedApplication(jar, java25Home, extractedJar, cache);
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

	private static Optional<Path> findJava25() {
		String configured = System.getProperty("cardstore.java25.home", "");
		if (!configured.isBlank()) {
			Path home = Path.of(configured);
			if (featureVersion(home) < 25) {
				throw new IllegalStateException("-Dcardstore.java25.home=" + home + " is not a JDK 25 or later");
			}
			return Optional.of(home);
		}
		if (Runtime.version().feature() >= 25) {
			return Optional.of(Path.of(System.getProperty("java.home")));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.filter(home -> featureVersion(home) >= 25)
				.max(Comparator.comparingInt(PackagedApplication::featureVersion).thenComparing(Path::toString));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * 25 for a JDK whose {@code release} file says {@code JAVA_VERSION="25.0.3"}; 0 for
	 * anything else.
	 */
	private static int featureVersion(Path home) {
		String version = release(home, "JAVA_VERSION");
		if (version.isEmpty() || !Files.isExecutable(java(home))) {
			return 0;
		}
		try {
			return Runtime.Version.parse(version).feature();
		}
		catch (IllegalArgumentException ex) {
			return 0;
		}
	}

	private static String release(Path home, String key) {
		Properties release = load(home.resolve("release"));
		return release.getProperty(key, "").replace("\"", "");
	}

	private static Path java(Path home) {
		return home.resolve("bin").resolve("java");
	}

	private static Properties load(Path file) {
		Properties properties = new Properties();
		if (Files.isRegularFile(file)) {
			try (InputStream in = Files.newInputStream(file)) {
				properties.load(in);
			}
			catch (IOException ex) {
				// Unreadable: as good as missing.
			}
		}
		return properties;
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

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Extracts and trains before the integration tests (the build's pre-integration-test
	 * phase).
	 */
	static void main(String[] args) {
		prepare();
	}

}
