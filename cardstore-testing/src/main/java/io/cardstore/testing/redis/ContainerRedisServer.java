package io.cardstore.testing.redis;

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

	@SuppressWarnings("deprecation") // a fixed host port lets stop() and start() keep the address clients use
	private ContainerRedisServer(RedisOptions options, int hostPort) {
		this.options = options;
		this.hostPort = hostPort;
		FixedHostPortGenericContainer<?> redis = new FixedHostPortGenericContainer<>(IMAGE.asCanonicalNameString());
		redis.withFixedExposedPort(hostPort, REDIS_PORT);
		StringBuilder conf = new StringBuilder("dir /data\n");
		TlsFiles tls = options.tls();
		if (tls != null) {
			redis.withCopyFileToContainer(MountableFile.forHostPath(tls.caCertificate()), "/tls/ca.pem")
				.withCopyFileToContainer(MountableFile.forHostPath(tls.serverCertificate()), "/tls/server.pem")
				.withCopyFileToContainer(MountableFile.forHostPath(tls.serverKey(), 0644), "/tls/server-key.pem");
			conf.append("port 0\ntls-port ").append(REDIS_PORT).append('\n');
			conf.append("tls-cert-file /tls/server.pem\ntls-key-file /tls/server-key.pem\ntls-ca-cert-file /tls/ca.pem\n");
		}
		else {
			conf.append("port ").append(REDIS_PORT).append('\n');
		}
		conf.append(options.configuration());
		redis.withCopyToContainer(Transferable.of(conf.toString()), "/usr/local/etc/redis/redis.conf");
		redis.withCommand("redis-server", "/usr/local/etc/redis/redis.conf");
		redis.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
		this.container = redis;
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
		// Restarting the stopped container, not creating a new one, keeps /data and the port.
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
