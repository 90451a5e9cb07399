package io.cardstore.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.cardstore.testing.JavaEmulator;
import io.cardstore.testing.MavenArtifacts;
import io.cardstore.testing.NativeProcess;

/**
 * DynamoDB Local, ElasticMQ and S3Mock from Maven Central, each in its own JVM on a free
 * loopback port, started in parallel.
 */
final class NativeAwsServices implements AwsServices {

	static final String DYNAMODB_LOCAL = "com.amazonaws:DynamoDBLocal:2.6.1";

	static final String ELASTICMQ = "org.elasticmq:elasticmq-server_2.13:1.7.1";

	static final String S3MOCK = "com.adobe.testing:s3mock:5.2.0";

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
		List<Emulator> started = Stream.<Supplier<Emulator>>of(NativeAwsServices::startDynamoDb,
				NativeAwsServices::startElasticMq, NativeAwsServices::startS3Mock)
			.parallel()
			.map(Supplier::get)
			.toList();
		NativeAwsServices services = new NativeAwsServices(names, started.get(0), started.get(1), started.get(2));
		AwsResources.create(services, false);
		return services;
	}

	private static Emulator startDynamoDb() {
		int port = NativeProcess.freePort();
		Path directory = NativeProcess.newDirectory("dynamodb");
		// Resolved once: the class path and the native library come from the same artifacts.
		List<Path> artifacts = MavenArtifacts.resolve(DYNAMODB_LOCAL);
		Path sqlite = JavaEmulator.nativeLibraryDirectory(artifacts, "libsqlite4java-linux-amd64");
		return new Emulator(JavaEmulator.start("dynamodb-local", artifacts,
				"com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
				List.of("-Dsqlite4java.library.path=" + sqlite), List.of("-inMemory", "-port", Integer.toString(port)),
				directory, port), port);
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
		return new Emulator(JavaEmulator.start("elasticmq", MavenArtifacts.resolve(ELASTICMQ), "org.elasticmq.server.Main",
				List.of("-Dconfig.file=" + configuration), List.of(), directory, port), port);
	}

	private static Emulator startS3Mock() {
		int port = NativeProcess.freePort();
		Path directory = NativeProcess.newDirectory("s3mock");
		return new Emulator(JavaEmulator.start("s3mock", MavenArtifacts.resolve(S3MOCK), "com.adobe.testing.s3mock.S3MockApplication",
				List.of("-Dspring.devtools.restart.enabled=false"),
				List.of("--http.port=" + port, "--server.port=" + NativeProcess.freePort(),
						"--com.adobe.testing.s3mock.store.root=" + directory.resolve("store"),
						"--spring.main.banner-mode=off"),
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
	public void close() {
		Stream.of(this.dynamoDb, this.sqs, this.s3).parallel().forEach(emulator -> emulator.process().stop());
	}

	@Override
	public String toString() {
		return "native AWS emulators: DynamoDB Local " + dynamoDbEndpoint() + ", ElasticMQ " + sqsEndpoint()
				+ ", S3Mock " + s3Endpoint();
	}

	private record Emulator(NativeProcess process, int port) {

		URI endpoint() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

	}

}
