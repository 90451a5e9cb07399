package io.cardstore.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The packaged application, started the way its image starts it: the jar extracted by
 * Spring Boot's tools (the application jar and its {@code lib/}) and run on JDK 25 or
 * later with a JDK AOT cache, trained by {@code cardstore-web/aot-training.sh}, the
 * script the image build runs. Both live in {@code target/aot-cache} and are made again
 * only when the jar, the JDK or the script changes ({@link AotCacheTraining}): the build
 * makes them once before the integration tests, and replicas, the local cluster and the
 * startup benchmark reuse them.
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
	 * The JIT's first tier only, for replicas on a developer's or a test machine: they
	 * never get busy enough to need C2, and two starting side by side on two cores each
	 * logged "process running for" about 4.2 s instead of 6 to 7 s with it (each
	 * compiling with C2 on the other's core). The image, which serves real load, keeps
	 * C2.
	 */
	public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	/**
	 * Has Spring Boot work the bean definitions out at startup, for settings that decide
	 * which beans exist.
	 */
	public static final String WITHOUT_SPRING_AOT = "-Dspring.aot.enabled=false";

	/**
	 * The system property that names the jar the package phase built, which every pom
	 * that starts replicas sets.
	 */
	public static final String JAR_PROPERTY = "cardstore.jar";

	private static @Nullable PackagedApplication prepared;

	private final Path jar;

	/** The jar extracted and its cache trained on a JDK 25; none without one. */
	private final @Nullable Extracted extracted;

	private PackagedApplication(Path jar, @Nullable Extracted extracted) {
		this.jar = jar;
		this.extracted = extracted;
	}

	/**
	 * The application ready to start: extracted and its cache trained if a JDK 25 or
	 * later is found and they are missing or out of date.
	 */
	public static synchronized PackagedApplication prepare() {
		PackagedApplication application = prepared;
		if (application == null) {
			Path jar = jar();
			Optional<Path> java25 = findJava25();
			if (java25.isEmpty()) {
				System.out
					.println("No JDK 25 or later (-Dcardstore.java25.home, this JVM, /usr/lib/jvm): the application "
							+ "runs from its jar on this JVM, Java " + Runtime.version() + ", without an AOT cache");
				application = new PackagedApplication(jar, null);
			}
			else {
				Extracted extracted = Extracted.trained(jar, java25.get());
				System.out
					.println("The application runs extracted on Java " + release(java25.get(), "JAVA_RUNTIME_VERSION")
							+ " (" + java25.get() + ") with the AOT cache " + extracted.cache());
				application = new PackagedApplication(jar, extracted);
			}
			prepared = application;
		}
		return application;
	}

	/** The jar the package phase built, named by {@value #JAR_PROPERTY}. */
	public static Path jar() {
		String configured = System.getProperty(JAR_PROPERTY);
		if (configured == null) {
			throw new IllegalStateException("-D" + JAR_PROPERTY + " names no jar: run through Maven (verify, or a "
					+ "benchmark's profile), whose poms name the jar the package phase builds");
		}
		Path jar = Path.of(configured).toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The application jar " + jar + " is missing: run the tests with 'verify', "
					+ "which packages it first");
		}
		return jar;
	}

	/** Whether the application runs on a JDK 25 or later with its AOT cache. */
	public boolean cached() {
		return this.extracted != null;
	}

	/**
	 * The command that starts the application as the image does, where it can; see
	 * {@link #cached()}.
	 */
	public List<String> command(List<String> jvmOptions) {
		Extracted extracted = this.extracted;
		return (extracted != null)
				? command(java(extracted.java25Home()), asInTheImage(jvmOptions), extracted.cache(), extracted.jar())
				: jarOnThisJvm(withSpringAot(jvmOptions));
	}

	/** The extracted application on the JDK 25 without its cache, where there is one. */
	public Optional<List<String>> withoutCache(List<String> jvmOptions) {
		return Optional.ofNullable(this.extracted)
			.map(extracted -> command(java(extracted.java25Home()), asInTheImage(jvmOptions), null, extracted.jar()));
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
		Extracted extracted = this.extracted;
		return (extracted != null) ? release(extracted.java25Home(), "JAVA_RUNTIME_VERSION")
				: Runtime.version().toString();
	}

	private static List<String> command(Path java, List<String> jvmOptions, @Nullable Path cache, Path jar) {
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

	/** A properties file, empty when it is missing or unreadable. */
	static Properties load(Path file) {
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
	 * Extracts and trains before the integration tests (the build's pre-integration-test
	 * phase).
	 */
	public static void main(String[] args) {
		prepare();
	}

	/**
	 * The jar extracted as in the image and its cache, trained on a JDK 25 or later.
	 *
	 * @param java25Home the JDK that trained the cache and runs it
	 * @param jar the application jar of the extracted layout
	 * @param cache the trained cache
	 */
	private record Extracted(Path java25Home, Path jar, Path cache) {

		static Extracted trained(Path jar, Path java25Home) {
			AotCacheTraining training = new AotCacheTraining(jar, java(java25Home), java25Home + " "
					+ release(java25Home, "IMPLEMENTOR") + " " + release(java25Home, "JAVA_RUNTIME_VERSION"));
			training.trainIfOutOfDate();
			return new Extracted(java25Home, training.extractedJar(), training.cache());
		}

	}

}
