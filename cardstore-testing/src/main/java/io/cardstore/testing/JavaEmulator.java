package io.cardstore.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An emulator from Maven Central run in a JVM of its own, with its own class path:
 * nothing it depends on can clash with the application under test.
 */
public final class JavaEmulator {

	private JavaEmulator() {
	}

	/**
	 * Starts {@code mainClass} with the jars among {@code artifacts} (as
	 * {@link MavenArtifacts#resolve} gives them) and waits until it accepts connections
	 * on {@code port}.
	 */
	public static NativeProcess start(String name, List<Path> artifacts, String mainClass, List<String> jvmArguments,
			List<String> arguments, Path directory, int port) {
		String classPath = artifacts.stream()
			// Jars and class folders; native libraries among the artifacts are not for
			// the class path.
			.filter(path -> path.toString().endsWith(".jar") || Files.isDirectory(path))
			.map(Path::toString)
			.reduce((a, b) -> a + File.pathSeparator + b)
			.orElseThrow();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(jvmArguments);
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass);
		command.addAll(arguments);
		NativeProcess process = NativeProcess.create(name, command, directory);
		process.start(log -> NativeProcess.accepts(port), Duration.ofSeconds(90));
		return process;
	}

	/** The folder holding a native library among the artifacts, such as sqlite4java's. */
	public static Path nativeLibraryDirectory(List<Path> artifacts, String fileNamePart) {
		return artifacts.stream()
			.filter(path -> path.getFileName().toString().contains(fileNamePart))
			.findFirst()
			.map(Path::getParent)
			.orElseThrow(() -> new IllegalStateException("No " + fileNamePart + " among " + artifacts));
	}

}
