package io.cardstore.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.cardstore.testing.NativeProcess;
import org.jspecify.annotations.Nullable;

/**
 * One CardStore replica: a JVM running the built jar, as a server runs it
 * ({@link PackagedApplication}), or for a developer's local cluster whatever command it
 * is given (the compiled classes when no jar is current). Used by the local cluster
 * ({@link LocalCardStore}), the cluster tests, and the session and journey benchmarks.
 */
public final class Replica implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * The heap of every replica here, where no container's memory limit sizes it: a test
	 * machine runs several beside the backing services.
	 */
	private static final String HEAP = "-Xmx384m";

	/** The tests' options: C1 only, which starts sooner. */
	private static final List<String> TEST_JVM_OPTIONS = List.of(HEAP, PackagedApplication.C1_ONLY);

	/** The image's options (C2 too, the parallel collector). */
	private static final List<String> IMAGE_JVM_OPTIONS = Stream
		.concat(PackagedApplication.IMAGE_JVM_OPTIONS.stream(), Stream.of(HEAP))
		.toList();

	private final String id;

	private final int port;

	private final int managementPort;

	/**
	 * The command up to the application's arguments, or null for the built jar as the
	 * image starts it, worked out when the replica starts.
	 */
	private final @Nullable List<String> launch;

	private final List<String> arguments;

	private final boolean springAot;

	private final List<String> jvmOptions;

	/** Set by the thread that starts it, which need not be the one that stops it. */
	private volatile @Nullable NativeProcess process;

	/**
	 * A replica, not yet started, running the bean definitions its build generated
	 * (Spring AOT), as the image does.
	 * @param id its instance id, which every response names in {@code X-Served-By}
	 * @param properties Spring Boot properties, passed as {@code --name=value} arguments
	 */
	public Replica(String id, Map<String, String> properties) {
		this(id, properties, true);
	}

	/**
	 * A replica, not yet started.
	 * @param id its instance id, which every response names in {@code X-Served-By}
	 * @param properties Spring Boot properties, passed as {@code --name=value} arguments
	 * @param springAot whether it runs the bean definitions its build generated; without,
	 * it works them out at startup, so that properties that decide which beans exist (an
	 * excluded auto-configuration, another session repository) take effect
	 */
	public Replica(String id, Map<String, String> properties, boolean springAot) {
		this(id, NativeProcess.freePort(), NativeProcess.freePort(), null, arguments(properties), springAot,
				TEST_JVM_OPTIONS);
	}

	private Replica(String id, int port, int managementPort, @Nullable List<String> launch, List<String> arguments,
			boolean springAot, List<String> jvmOptions) {
		this.id = id;
		this.port = port;
		this.managementPort = managementPort;
		this.launch = launch;
		this.arguments = arguments;
		this.springAot = springAot;
		this.jvmOptions = jvmOptions;
	}

	/**
	 * A replica, not yet started, with the image's JVM options rather than the tests' (C2
	 * as well as C1, the parallel collector): for benchmarks, which measure a replica
	 * under load as a server runs it.
	 * @param id its instance id, which every response names in {@code X-Served-By}
	 * @param properties Spring Boot properties, passed as {@code --name=value} arguments
	 * @param springAot whether it runs the bean definitions its build generated
	 */
	public static Replica asInTheImage(String id, Map<String, String> properties, boolean springAot) {
		return new Replica(id, NativeProcess.freePort(), NativeProcess.freePort(), null, arguments(properties),
				springAot, IMAGE_JVM_OPTIONS);
	}

	/**
	 * A replica on fixed ports, not yet started, as a developer's local cluster runs it.
	 * @param id its instance id, which every response names in {@code X-Served-By}
	 * @param port the port of the store's pages
	 * @param managementPort the port of its operations endpoints (health, metrics)
	 * @param launch the command up to the application's arguments: the JVM, its options,
	 * and the jar or the main class
	 * @param arguments the application's arguments, after those that set its ports and id
	 */
	public static Replica onPorts(String id, int port, int managementPort, List<String> launch,
			List<String> arguments) {
		return new Replica(id, port, managementPort, launch, arguments, true, List.of());
	}

	/**
	 * Starts replicas side by side and waits until all report ready, or have failed: none
	 * is left starting behind the caller's back when one fails.
	 */
	public static void startTogether(List<Replica> replicas) {
		ExecutorService starting = Executors.newFixedThreadPool(replicas.size());
		try {
			List<Future<Replica>> started = replicas.stream().map(replica -> starting.submit(replica::start)).toList();
			RuntimeException failure = null;
			for (Future<Replica> replica : started) {
				try {
					replica.get();
				}
				catch (ExecutionException ex) {
					if (failure == null) {
						failure = (ex.getCause() instanceof RuntimeException cause) ? cause
								: new IllegalStateException(ex.getCause());
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting replicas", ex);
		}
		finally {
			starting.shutdown();
		}
	}

	/** Starts the replica and waits until it reports ready. */
	public Replica start() {
		List<String> command = new ArrayList<>(
				(this.launch != null) ? this.launch : packagedLaunch(this.jvmOptions, this.springAot));
		command.addAll(List.of("--server.port=" + this.port, "--management.server.port=" + this.managementPort,
				"--cardstore.session.instance-id=" + this.id));
		command.addAll(this.arguments);
		NativeProcess process = NativeProcess.create(this.id, command, NativeProcess.newDirectory(this.id));
		this.process = process;
		process.start(log -> isReady(), Duration.ofSeconds(120));
		return this;
	}

	/**
	 * As the image starts it (JDK 25 and the AOT cache where there is one), with the
	 * given JVM options.
	 */
	private static List<String> packagedLaunch(List<String> jvmOptions, boolean springAot) {
		List<String> options = new ArrayList<>(jvmOptions);
		if (!springAot) {
			options.add(PackagedApplication.WITHOUT_SPRING_AOT);
		}
		return PackagedApplication.prepare().command(options);
	}

	/** Spring Boot properties as the command-line arguments that set them. */
	public static List<String> arguments(Map<String, String> properties) {
		return properties.entrySet()
			.stream()
			.map(property -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
	}

	/** Whether it answers UP on its readiness endpoint. */
	public boolean isReady() {
		try {
			return http
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Whether its process was started and has not ended. */
	public boolean isRunning() {
		NativeProcess process = this.process;
		return process != null && process.isRunning();
	}

	/** SIGKILL: the replica dies on the spot, as on a crashed host. */
	public void kill() {
		started().kill();
	}

	/** SIGTERM: the replica shuts down gracefully, finishing the requests it has. */
	public void terminate() {
		started().terminate();
	}

	public String id() {
		return this.id;
	}

	public int port() {
		return this.port;
	}

	public int managementPort() {
		return this.managementPort;
	}

	/** Where Prometheus scrapes it: {@code 127.0.0.1:managementPort}. */
	public String managementAddress() {
		return "127.0.0.1:" + this.managementPort;
	}

	/** Where nginx reaches it: {@code 127.0.0.1:port}. */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	public String url() {
		return "http://localhost:" + this.port;
	}

	public String log() {
		return started().logText();
	}

	/** The folder its process runs in, with its log. */
	public Path directory() {
		return started().directory();
	}

	@Override
	public void close() {
		NativeProcess process = this.process;
		if (process != null) {
			process.stop();
		}
	}

	private NativeProcess started() {
		NativeProcess process = this.process;
		if (process == null) {
			throw new IllegalStateException("Replica " + this.id + " was not started");
		}
		return process;
	}

}
