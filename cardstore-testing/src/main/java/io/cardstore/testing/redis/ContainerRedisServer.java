package io.cardstore.testing.redis;

import java.nio.file.Path;

import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.tls.TlsFiles;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** Redis in a container, set up with the same options as the native server. */
final class ContainerRedisServer implements RedisServer {

	static final DockerImageName IMAGE = DockerImageName.parse("redis:7.4-alpine");

	private static final int REDIS_PORT = 6379;

	private final RedisOptions options;

	private final GenericContainer<?> container;

	private final int hostPort;

	static final String CONF = "/usr/local/etc/redis/redis.conf";

	static final String CA_CERTIFICATE = "/tls/ca.pem";

	static final String SERVER_CERTIFICATE = "/tls/server.pem";

	static final String SERVER_KEY = "/tls/server-key.pem";

	private ContainerRedisServer(RedisOptions options, int hostPort) {
		this.options = options;
		this.hostPort = hostPort;
		this.container = container(options, hostPort);
	}

	/**
	 * The container, not started: the image's Redis with the options' configuration and
	 * TLS files.
	 */
	@SuppressWarnings("deprecation") // a fixed host port lets stop() and start() keep the
										// address clients use
	static FixedHostPortGenericContainer<?> container(RedisOptions options, int hostPort) {
		FixedHostPortGenericContainer<?> redis = new FixedHostPortGenericContainer<>(IMAGE.asCanonicalNameString());
		redis.withFixedExposedPort(hostPort, REDIS_PORT);
		TlsFiles tls = options.tls();
		if (tls != null) {
			// The key readable by the image's redis user, which is not the owner of the
			// copied file.
			redis.withCopyFileToContainer(MountableFile.forHostPath(tls.caCertificate()), CA_CERTIFICATE)
				.withCopyFileToContainer(MountableFile.forHostPath(tls.serverCertificate()), SERVER_CERTIFICATE)
				.withCopyFileToContainer(MountableFile.forHostPath(tls.serverKey(), 0644), SERVER_KEY);
		}
		redis.withCopyToContainer(Transferable.of(configuration(options)), CONF);
		redis.withCommand("redis-server", CONF);
		redis.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
		return redis;
	}

	/**
	 * The redis.conf of the container: the options' settings on the image's port, over
	 * TLS if they ask.
	 */
	static String configuration(RedisOptions options) {
		TlsFiles inContainer = new TlsFiles(Path.of(CA_CERTIFICATE), Path.of(SERVER_CERTIFICATE), Path.of(SERVER_KEY));
		return "dir /data\n" + options.configuration(REDIS_PORT, inContainer);
	}

	static ContainerRedisServer start(RedisOptions options) {
		ContainerRedisServer server = new ContainerRedisServer(options, NativeProcess.freePort());
		server.start();
		return server;
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.hostPort;
	}

	@Override
	public RedisOptions options() {
		return this.options;
	}

	@Override
	public void start() {
		if (this.container.getContainerId() == null) {
			this.container.start();
			return;
		}
		// Restarting the stopped container, not creating a new one, keeps /data and the
		// port.
		this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
		Wait.forListeningPort().waitUntilReady(this.container);
	}

	@Override
	public void stop() {
		this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "Redis container " + IMAGE + " on " + host() + ":" + this.hostPort;
	}

}
