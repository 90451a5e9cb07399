package io.cardstore.testing.redis;

import java.util.List;
import java.util.Map;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.NativeProcess;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Redis Cluster the harness starts is a real one, reached by a cluster client, and
 * leaves nothing behind.
 */
class RedisClusterIT {

	@Test
	void threeMastersShareTheSlotsAndTheKeys() {
		try (RedisCluster cluster = RedisServers.startCluster()) {
			assertThat(cluster.connectionProperties())
				.containsExactly(Map.entry("spring.data.redis.cluster.nodes", String.join(",", cluster.nodes())));
			List<RedisURI> seeds = cluster.nodes().stream().map(node -> RedisURI.create("redis://" + node)).toList();
			RedisClusterClient client = RedisClusterClient.create(seeds);
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				RedisAdvancedClusterCommands<String, String> redis = connection.sync();
				assertThat(redis.clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384",
						"cluster_known_nodes:3", "cluster_size:3");
				// The client uses the addresses the nodes announce, which must be the
				// ones the cluster gives.
				List<RedisClusterNode> masters = client.getPartitions()
					.stream()
					.filter(node -> node.is(NodeFlag.UPSTREAM))
					.toList();
				assertThat(masters).extracting(node -> node.getUri().getHost() + ":" + node.getUri().getPort())
					.containsExactlyInAnyOrderElementsOf(cluster.nodes());
				assertThat(masters.stream().mapToInt(node -> node.getSlots().size()).sum()).isEqualTo(16384);

				// {a}, {b} and {c} hash to slots 15495, 3300 and 7365: one in each third
				// of the slots.
				List<String> keys = List.of("{a}card", "{b}card", "{c}card");
				keys.forEach(key -> redis.set(key, "ace of " + key));
				assertThat(keys).allSatisfy(key -> assertThat(redis.get(key)).isEqualTo("ace of " + key));
				assertThat(masters)
					.allSatisfy(master -> assertThat(connection.getConnection(master.getNodeId()).sync().dbsize())
						.as("keys on %s", master.getUri())
						.isOne());

				// The cluster connection would split a cross-slot MSET by slot; a single
				// node refuses it.
				RedisCommands<String, String> node = connection.getConnection(masters.get(0).getNodeId()).sync();
				assertThatExceptionOfType(RedisCommandExecutionException.class)
					.isThrownBy(() -> node.mset(Map.of("{a}deck", "1", "{b}deck", "2")))
					.withMessageStartingWith("CROSSSLOT");
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void aClosedClusterLeavesNothingBehind() {
		RedisCluster cluster = RedisServers.startCluster();
		List<Integer> ports = cluster.nodes()
			.stream()
			.map(node -> Integer.parseInt(node.substring(node.lastIndexOf(':') + 1)))
			.toList();
		assertThat(ports).allMatch(NativeProcess::accepts);

		cluster.close();

		assertThat(ports).noneMatch(NativeProcess::accepts);
		if (BackingServicesProvider.current() == BackingServicesProvider.NATIVE) {
			assertThat(((NativeRedisCluster) cluster).directories()).isNotEmpty()
				.allSatisfy(directory -> assertThat(directory).doesNotExist());
		}
		else {
			assertThat(cluster).isInstanceOf(ContainerRedisCluster.class);
		}
	}

}
