package io.cardstore.testing.redis;

import java.util.List;
import java.util.stream.Collectors;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * A Redis Cluster in one container of the same image as {@link ContainerRedisServer}: a
 * {@code redis-server} per master, joined by {@code redis-cli --cluster create} inside
 * it.
 */
final class ContainerRedisCluster implements RedisCluster {

	private static final String CONFIGURATION_DIRECTORY = "/usr/local/etc/redis/";

	/** The line the start script prints once every node reports the cluster ok. */
	private static final String READY = "Redis cluster ready";

	private final List<Integer> ports;

	private final GenericContainer<?> container;

	private ContainerRedisCluster(List<Integer> ports) {
		this.ports = List.copyOf(ports);
		GenericContainer<?> redis = new GenericContainer<>(ContainerRedisServer.IMAGE);
		// Cluster clients connect to the addresses the nodes announce (in CLUSTER SLOTS
		// and in
		// MOVED and ASK redirects), not to the seeds they were given. So each node
		// listens in the
		// container on the same port the host publishes it on, and announces 127.0.0.1:
		// that
		// address then reaches the node from the host as well as from the other nodes and
		// redis-cli inside the container. Random host ports would send clients to ports
		// nothing
		// listens on. The cluster bus ports (+10000) stay inside the container. This
		// needs the
		// Docker engine on this machine, as the announced 127.0.0.1 is the host's
		// loopback.
		redis.setPortBindings(ports.stream().map(port -> port + ":" + port).toList());
		for (int port : ports) {
			redis.withCopyToContainer(Transferable.of(nodeConfiguration(port)),
					CONFIGURATION_DIRECTORY + port + ".conf");
		}
		redis.withCopyToContainer(Transferable.of(startScript(ports)), CONFIGURATION_DIRECTORY + "cluster.sh");
		redis.withCommand("sh", CONFIGURATION_DIRECTORY + "cluster.sh");
		redis.waitingFor(Wait.forLogMessage(".*" + READY + ".*", 1));
		this.container = redis;
	}

	static ContainerRedisCluster start(int masters) {
		// Ports free on the host, since each is published as itself; their bus ports must
		// fit under 65536.
		ContainerRedisCluster cluster = new ContainerRedisCluster(NativeRedisCluster.freeNodePorts(masters));
		cluster.container.start();
		return cluster;
	}

	private static String nodeConfiguration(int port) {
		// No bind line: the published ports reach the node on the container's own
		// address, not its loopback.
		return "dir /data/" + port + "\nprotected-mode no\ncluster-announce-ip 127.0.0.1\n"
				+ RedisOptions.defaults().configuration(port, null) + NativeRedisCluster.NODE_CONFIGURATION;
	}

	private static String startScript(List<Integer> ports) {
		String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
		String nodes = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(" "));
		return """
				set -e
				for port in %1$s; do
				  mkdir -p /data/$port
				  redis-server %2$s$port.conf &
				done
				for port in %1$s; do
				  until redis-cli -p $port ping > /dev/null 2>&1; do sleep 0.1; done
				done
				redis-cli --cluster create %3$s --cluster-replicas 0 --cluster-yes
				for port in %1$s; do
				  until redis-cli -p $port cluster info | grep -q cluster_state:ok; do sleep 0.1; done
				done
				echo "%4$s"
				wait
				""".formatted(portList, CONFIGURATION_DIRECTORY, nodes, READY);
	}

	@Override
	public List<String> nodes() {
		return this.ports.stream().map(port -> "127.0.0.1:" + port).toList();
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "Redis cluster container " + ContainerRedisServer.IMAGE + " on " + String.join(", ", nodes());
	}

}
