package io.cardstore.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.getAtt;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code -c cache=serverless} the sessions live in ElastiCache Serverless, which
 * runs in cluster mode: the application is given the endpoint as a cluster node, and the
 * rest of the stack stays as it is. The templates stay in
 * {@code target/cdk-template-serverless} for cfn-lint.
 */
class ServerlessCacheStackTests {

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		Map<String, Object> context = new HashMap<>(Synthesis.CONTEXT);
		context.put("cache", "serverless");
		synthesis = Synthesis.of("cdk-template-serverless", context);
	}

	@Test
	void theSessionsLiveInAServerlessValkeyCacheInTheIsolatedSubnets() {
		Capture userGroup = new Capture();
		synthesis.store()
			.hasResourceProperties("AWS::ElastiCache::ServerlessCache",
					Map.of("Engine", "valkey", "ServerlessCacheName", "cardstore-test-sessions", "UserGroupId",
							Map.of("Ref", userGroup), "SubnetIds",
							synthesis.stacks()
								.store()
								.vpc()
								.getIsolatedSubnets()
								.stream()
								.map((subnet) -> ref(synthesis.logicalId(subnet)))
								.toList(),
							"SecurityGroupIds",
							List.of(getAtt(synthesis.logicalId(synthesis.stacks().store().cache().securityGroup()),
									"GroupId"))));
		synthesis.store().resourceCountIs("AWS::ElastiCache::ReplicationGroup", 0);
		synthesis.store().resourceCountIs("AWS::ElastiCache::ParameterGroup", 0);
		synthesis.store().resourceCountIs("AWS::ElastiCache::SubnetGroup", 0);
		synthesis.assertCacheUsers(userGroup.asString());
	}

	@Test
	void theApplicationIsGivenTheEndpointAsAClusterNodeOverTls() {
		String cache = synthesis.logicalId(synthesis.stacks().store().cache().getNode().findChild("ServerlessCache"));
		Map<String, Object> endpoint = Map.of("Fn::Join",
				List.of("", List.of(getAtt(cache, "Endpoint.Address"), ":", getAtt(cache, "Endpoint.Port"))));
		synthesis.store()
			.hasResourceProperties("AWS::ECS::TaskDefinition",
					Map.of("ContainerDefinitions",
							List.of(Match.objectLike(Map.of("Environment",
									Match.arrayWith(List.of(
											Map.of("Name", "SPRING_DATA_REDIS_CLUSTER_NODES", "Value", endpoint),
											Map.of("Name", "SPRING_DATA_REDIS_SSL_ENABLED", "Value", "true"))))))));
		synthesis.store()
			.hasResourceProperties("AWS::ECS::TaskDefinition",
					Map.of("ContainerDefinitions", List.of(Match.objectLike(Map.of("Environment", Match
						.not(Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "SPRING_DATA_REDIS_HOST"))))))))));
		synthesis.store().hasOutput("CacheEndpoint", Map.of("Value", endpoint));
	}

	@Test
	void theCacheAdmitsTheTasksOnPort6379Only() {
		String cache = synthesis.logicalId(synthesis.stacks().store().cache().securityGroup());
		String tasks = synthesis.logicalId(
				synthesis.stacks().store().store().service().getService().getConnections().getSecurityGroups().get(0));
		assertThat(synthesis.ingressRules(cache))
			.containsExactly(new Synthesis.Ingress("tcp", 6379, 6379, getAtt(tasks, "GroupId"), null));
	}

}
