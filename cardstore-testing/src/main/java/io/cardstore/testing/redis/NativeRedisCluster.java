package io.cardstore.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cardstore.testing.NativeProcess;

/**
 * A Redis Cluster of {@code redis-server} processes from the PATH, one per master, each
 * on a free loopback port in its own directory, joined by
 * {@code redis-cli --cluster create}.
 */
final class NativeRedisCluster implements RedisCluster {

	/** The redis.conf lines that make a server a cluster node, for both providers. */
	static final String NODE_CONFIGURATION = """
			cluster-enabled yes
			cluster-config-file nodes.conf
			cluster-node-timeout 2000
			""";

	/** A node talks to the others on its port plus this, the cluster bus. */
	private static final int BUS_PORT_OFFSET = 10000;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final Path cli;

	private final List<NativeRedisServer> nodes;

	private NativeRedisCluster(Path cli, List<NativeRedisServer> nodes) {
		this.cli = cli;
		this.nodes = List.copyOf(nodes);
	}

	static NativeRedisCluster start(int masters) {
		Path cli = NativeProcess.executable("redis-cli", "apt-get install redis-tools");
		List<NativeRedisServer> nodes = new ArrayList<>();
		try {
			Set<Integer> taken = new HashSet<>();
			for (int i = 0; i < masters; i++) {
				NativeRedisServer node = startNode(taken);
				taken.add(node.port());
				taken.add(node.port() + BUS_PORT_OFFSET);
				nodes.add(node);
			}
			NativeRedisCluster cluster = new NativeRedisCluster(cli, nodes);
			cluster.create(System.nanoTime() + STARTUP_TIMEOUT.toNanos());
			return cluster;
		}
		catch (RuntimeException ex) {
			nodes.forEach(NativeRedisServer::close);
			throw ex;
		}
	}

	private static NativeRedisServer startNode(Set<Integer> taken) {
		for (int attempt = 1;; attempt++) {
			int port = freeNodePort(taken);
			try {
				return NativeRedisServer.start(RedisOptions.defaults(), port, NODE_CONFIGURATION);
			}
			catch (IllegalStateException ex) {
				// Another process may have taken the port or its bus port since we
				// looked.
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("Address already in use")) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Free loopback ports for cluster nodes: each with its cluster bus port free too, and
	 * none of them the port or bus port of another.
	 */
	static List<Integer> freeNodePorts(int count) {
		Set<Integer> taken = new HashSet<>();
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < count) {
			int port = freeNodePort(taken);
			taken.add(port);
			taken.add(port + BUS_PORT_OFFSET);
			ports.add(port);
		}
		return ports;
	}

	private static int freeNodePort(Set<Integer> taken) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = NativeProcess.freePort();
			int busPort = port + BUS_PORT_OFFSET;
			// Ephemeral ports go up to 60999 on Linux, but a bus port cannot be above
			// 65535.
			if (busPort <= 65535 && !taken.contains(port) && !taken.contains(busPort) && isFree(busPort)) {
				return port;
			}
		}
		throw new IllegalStateException("Found no free loopback port whose cluster bus port (+10000) was free too");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Assigns the slots, joins the nodes and waits until every node sees the whole
	 * cluster.
	 */
	private void create(long deadline) {
		List<String> create = new ArrayList<>(List.of("--cluster", "create"));
		create.addAll(nodes());
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		CliResult created = cli(create, deadline);
		if (created.exitCode() != 0) {
			throw new IllegalStateException("redis-cli --cluster create failed with code " + created.exitCode() + ":\n"
					+ created.output() + logs());
		}
		// redis-cli returns once the nodes agree on the slots, but a node only reports
		// the
		// cluster ok (and serves its slots) a moment later.
		List<String> states = List.of();
		while (System.nanoTime() < deadline) {
			states = this.nodes.stream().map(node -> clusterInfo(node, deadline)).toList();
			if (states.stream().allMatch(info -> info.contains("cluster_state:ok"))) {
				return;
			}
			sleep(50);
		}
		throw new IllegalStateException("The Redis cluster on " + nodes() + " was not ok within " + STARTUP_TIMEOUT
				+ ". CLUSTER INFO of each node:\n" + String.join("\n", states) + logs());
	}

	private String clusterInfo(NativeRedisServer node, long deadline) {
		return cli(List.of("-p", Integer.toString(node.port()), "cluster", "info"), deadline).output();
	}

	/**
	 * Runs redis-cli against the nodes; its output goes to a file, so a hung call cannot
	 * block the reader.
	 */
	private CliResult cli(List<String> arguments, long deadline) {
		List<String> command = new ArrayList<>(List.of(this.cli.toString(), "-h", "127.0.0.1"));
		command.addAll(arguments);
		Path output = this.nodes.get(0).directory().resolve("redis-cli.out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + STARTUP_TIMEOUT
						+ ". Its output:\n" + Files.readString(output) + logs());
			}
			return new CliResult(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	private String logs() {
		StringBuilder logs = new StringBuilder();
		for (NativeRedisServer node : this.nodes) {
			logs.append("\nLog of the node on port ").append(node.port()).append(":\n").append(node.logText());
		}
		return logs.toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the Redis cluster", ex);
		}
	}

	@Override
	public List<String> nodes() {
		return this.nodes.stream().map(node -> "127.0.0.1:" + node.port()).toList();
	}

	@Override
	public void close() {
		this.nodes.forEach(NativeRedisServer::close);
	}

	List<Path> directories() {
		return this.nodes.stream().map(NativeRedisServer::directory).toList();
	}

	@Override
	public String toString() {
		return "Redis cluster on " + String.join(", ", nodes()) + " (native)";
	}

	private record CliResult(int exitCode, String output) {
	}

}
