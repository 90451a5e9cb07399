package io.cardstore.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.cardstore.testing.JavaEmulator;
import io.cardstore.testing.MavenArtifacts;
import io.cardstore.testing.NativeProcess;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy from Maven Central, each in its own JVM on a free
 * loopback port, started in parallel.
 */
final class NativeAwsServices implements AwsServices {

	static final String DYNAMODB_LOCAL = "com.amazonaws:DynamoDBLocal:2.6.1";

	static final String ELASTICMQ = "org.elasticmq:elasticmq-server_2.13:1.7.1";

	/**
	 * An S3 server that checks signatures as S3 does, presigned URLs included: their
	 * expiry and every signed header, such as an upload's content type and length.
	 */
	static final String S3PROXY = "org.gaul:s3proxy:4.1.1";

	private final AwsResourceNames names;

	private final Emulator dynamoDb;

	private final Emulator sqs;

	private final Emulator s3;

	private NativeAwsServices(AwsResourceNames names, Emulator dynamoDb, Emulator sqs, Emulator s3) {
		this.names = names;
		this.dynamoDb = dynamoDb;
		this.sqs = sqs;
		this.s3 = s3;
	}

	static NativeAwsServices start(AwsResourceNames names) {
		List<Emulator> started = Stream
			.<Supplier<Emulator>>of(NativeAwsServices::startDynamoDb, NativeAwsServices::startElasticMq,
					NativeAwsServices::startS3Proxy)
			.parallel()
			.map(Supplier::get)
			.toList();
		NativeAwsServices services = new NativeAwsServices(names, started.get(0), started.get(1), started.get(2));
		AwsResources.create(services);
		return services;
	}

	private static Emulator startDynamoDb() {
		int port = NativeProcess.freePort();
		Path directory = NativeProcess.newDirectory("dynamodb");
		// Resolved once: the class path and the native library come from the same
		// artifacts.
		List<Path> artifacts = MavenArtifacts.resolve(DYNAMODB_LOCAL);
		Path sqlite = JavaEmulator.nativeLibraryDirectory(artifacts,
				sqliteLibrary(System.getProperty("os.name"), System.getProperty("os.arch")));
		// Launched through a class of this module, which binds it to loopback.
		List<Path> classPath = new ArrayList<>(artifacts);
		classPath.add(codeSourceOf(LoopbackDynamoDbLocal.class));
		// No telemetry: nothing leaves the machine.
		return new Emulator(
				JavaEmulator.start("dynamodb-local", classPath, LoopbackDynamoDbLocal.class.getName(),
						List.of("-Dsqlite4java.library.path=" + sqlite),
						List.of("-inMemory", "-disableTelemetry", "-port", Integer.toString(port)), directory, port),
				port);
	}

	/**
	 * The sqlite4java native library DynamoDB Local ships for this OS and architecture:
	 * Linux on x86-64 and x86, macOS on x86-64 (a universal library of i386 and x86_64)
	 * and Windows. There is none for ARM (Linux arm64, Apple silicon), where DynamoDB
	 * Local cannot run natively.
	 */
	static String sqliteLibrary(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String arch = osArch.toLowerCase(Locale.ROOT);
		boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
		boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
		if (os.startsWith("linux") && (x64 || x86)) {
			return x64 ? "libsqlite4java-linux-amd64" : "libsqlite4java-linux-i386";
		}
		if (os.startsWith("mac") && x64) {
			return "libsqlite4java-osx";
		}
		if (os.startsWith("windows") && (x64 || x86)) {
			return x64 ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
		}
		throw new IllegalStateException("DynamoDB Local ships no SQLite library for " + osName + " on " + osArch
				+ ", so the native backing services cannot run here: start a Docker engine (Docker Desktop, Colima, "
				+ "Podman), and the tests use LocalStack's container instead");
	}

	/** The jar or folder a class was loaded from. */
	private static Path codeSourceOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Emulator startElasticMq() {
		int port = NativeProcess.freePort();
		Path directory = NativeProcess.newDirectory("elasticmq");
		Path configuration = directory.resolve("elasticmq.conf");
		write(configuration, """
				include classpath("application.conf")
				node-address { protocol = http, host = localhost, port = %1$d, context-path = "" }
				rest-sqs { enabled = true, bind-port = %1$d, bind-hostname = "127.0.0.1", sqs-limits = strict }
				rest-stats { enabled = false }
				""".formatted(port));
		return new Emulator(JavaEmulator.start("elasticmq", MavenArtifacts.resolve(ELASTICMQ),
				"org.elasticmq.server.Main", List.of("-Dconfig.file=" + configuration), List.of(), directory, port),
				port);
	}

	private static Emulator startS3Proxy() {
		int port = NativeProcess.freePort();
		Path directory = NativeProcess.newDirectory("s3proxy");
		// The clients' own key, so that every request is signed and checked; buckets by
		// path
		// (no virtual host is set), as the application addresses emulators; objects in
		// memory.
		// S3Proxy has no bucket CORS API: the rule the bucket would carry is its setting.
		CORSRule cors = AwsResources.BROWSER_CORS_RULE;
		Path configuration = directory.resolve("s3proxy.properties");
		write(configuration,
				"""
						s3proxy.endpoint=http://127.0.0.1:%d
						s3proxy.authorization=aws-v2-or-v4
						s3proxy.identity=%s
						s3proxy.credential=%s
						s3proxy.cors-allow-origins=%s
						s3proxy.cors-allow-methods=%s
						s3proxy.cors-allow-headers=%s
						s3proxy.cors-exposed-headers=%s
						jclouds.provider=transient
						""".formatted(port, ACCESS_KEY, SECRET_KEY, String.join(" ", cors.allowedOrigins()),
						String.join(" ", cors.allowedMethods()), String.join(" ", cors.allowedHeaders()),
						String.join(" ", cors.exposeHeaders())));
		// Without a configuration Logback logs every request at debug level.
		Path logging = directory.resolve("logback.xml");
		write(logging, """
				<configuration>
					<appender name="console" class="ch.qos.logback.core.ConsoleAppender">
						<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} %msg%n</pattern></encoder>
					</appender>
					<root level="info"><appender-ref ref="console"/></root>
				</configuration>
				""");
		return new Emulator(JavaEmulator.start("s3proxy", MavenArtifacts.resolve(S3PROXY), "org.gaul.s3proxy.Main",
				List.of("-Dlogback.configurationFile=" + logging), List.of("--properties", configuration.toString()),
				directory, port), port);
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public URI s3Endpoint() {
		return this.s3.endpoint();
	}

	@Override
	public URI sqsEndpoint() {
		return this.sqs.endpoint();
	}

	@Override
	public URI dynamoDbEndpoint() {
		return this.dynamoDb.endpoint();
	}

	@Override
	public AwsResourceNames resources() {
		return this.names;
	}

	@Override
	public boolean s3KeepsBucketConfiguration() {
		return false;
	}

	@Override
	public void close() {
		Stream.of(this.dynamoDb, this.sqs, this.s3).parallel().forEach(emulator -> emulator.process().stop());
	}

	@Override
	public String toString() {
		return "native AWS emulators: DynamoDB Local " + dynamoDbEndpoint() + ", ElasticMQ " + sqsEndpoint()
				+ ", S3Proxy " + s3Endpoint();
	}

	private record Emulator(NativeProcess process, int port) {

		URI endpoint() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

	}

}
