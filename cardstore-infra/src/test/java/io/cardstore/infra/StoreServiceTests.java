package io.cardstore.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.getAtt;
import static io.cardstore.infra.Synthesis.join;
import static io.cardstore.infra.Synthesis.oneOrMany;
import static io.cardstore.infra.Synthesis.properties;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service of the store's stack: tasks that scale, a load balancer that serves HTTPS
 * and admits nothing else to them, and containers with the store's settings, their health
 * check and their logs.
 */
class StoreServiceTests {

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		synthesis = Synthesis.of("cdk-template", Synthesis.CONTEXT);
	}

	@Test
	void theServiceRunsTwoTasksAtLeastAndScalesOnCpuAndRequests() {
		synthesis.store()
			.hasResourceProperties("AWS::ECS::Service",
					Map.of("LaunchType", "FARGATE", "DesiredCount", StoreService.MIN_TASKS, "DeploymentConfiguration",
							Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
									"MinimumHealthyPercent", 100),
							"NetworkConfiguration",
							Map.of("AwsvpcConfiguration", Map.of("AssignPublicIp", "DISABLED"))));
		synthesis.store()
			.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
					Map.of("MinCapacity", StoreService.MIN_TASKS, "MaxCapacity", StoreService.MAX_TASKS));
		synthesis.store().resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
		for (String metric : List.of("ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget")) {
			synthesis.store()
				.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
						Map.of("PolicyType", "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration",
								Map.of("PredefinedMetricSpecification", Map.of("PredefinedMetricType", metric))));
		}
	}

	@Test
	void theLoadBalancerServesHttpsWithTheGivenCertificateAndRedirectsHttp() {
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map
				.of("Scheme", "internet-facing", "LoadBalancerAttributes", Match.arrayWith(
						List.of(Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true")))));
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
					Map.of("Port", 443, "Protocol", "HTTPS", "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
							"Certificates",
							List.of(Map.of("CertificateArn", Synthesis.CONTEXT.get("certificateArn")))));
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
					Map.of("Port", 80, "Protocol", "HTTP", "DefaultActions", List.of(Map.of("Type", "redirect",
							"RedirectConfig", Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301")))));
		synthesis.store().resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
	}

	@Test
	void theLoadBalancerForwardsToTheStorePortAndChecksReadinessOnTheManagementPort() {
		String targetGroup = synthesis.logicalId(synthesis.stacks().store().store().service().getTargetGroup());
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("TargetType", "ip",
					"HealthCheckPath", StoreService.READINESS_PATH, "HealthCheckPort", "8081", "HealthCheckProtocol",
					"HTTP", "Matcher", Map.of("HttpCode", "200"), "TargetGroupAttributes",
					Match.arrayWith(List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "30")))));
		// Deregistration outlasts the application's 20 s graceful shutdown.
		assertThat(StoreService.DEREGISTRATION_DELAY.toSeconds().intValue()).isGreaterThan(20);
		// No sticky sessions: any task serves any request.
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("TargetGroupAttributes",
					Match.not(Match.arrayWith(List.of(Map.of("Key", "stickiness.enabled", "Value", "true"))))));
		synthesis.store()
			.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "DefaultActions",
					List.of(Map.of("Type", "forward", "TargetGroupArn", ref(targetGroup)))));
		synthesis.store()
			.hasResourceProperties("AWS::ECS::Service", Map.of("LoadBalancers", List
				.of(Map.of("ContainerName", "web", "ContainerPort", 8080, "TargetGroupArn", ref(targetGroup)))));
		synthesis.store()
			.hasResourceProperties(
					"AWS::ECS::TaskDefinition", Map
						.of("ContainerDefinitions",
								List.of(Match.objectLike(Map.of("PortMappings",
										List.of(Match.objectLike(Map.of("ContainerPort", 8080)),
												Match.objectLike(Map.of("ContainerPort", 8081))),
										"StopTimeout", 30)))));

		// The tasks admit the load balancer on both ports, and nothing else.
		String tasks = synthesis.logicalId(
				synthesis.stacks().store().store().service().getService().getConnections().getSecurityGroups().get(0));
		String loadBalancer = synthesis.logicalId(synthesis.stacks()
			.store()
			.store()
			.service()
			.getLoadBalancer()
			.getConnections()
			.getSecurityGroups()
			.get(0));
		assertThat(synthesis.ingressRules(tasks)).containsExactlyInAnyOrder(
				new Synthesis.Ingress("tcp", 8080, 8080, getAtt(loadBalancer, "GroupId"), null),
				new Synthesis.Ingress("tcp", 8081, 8081, getAtt(loadBalancer, "GroupId"), null));
	}

	@Test
	void theTasksGetTheStoresSettingsAndTheirRedisCredentialsFromSecretsManager() {
		String group = synthesis.logicalId(synthesis.cacheResource("AWS::ElastiCache::ReplicationGroup"));
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("SPRING_PROFILES_ACTIVE", "production");
		expected.put("CARDSTORE_PUBLIC_URL", "https://cards.example.org");
		expected.put("SPRING_DATA_REDIS_HOST", getAtt(group, "PrimaryEndPoint.Address"));
		expected.put("SPRING_DATA_REDIS_PORT", getAtt(group, "PrimaryEndPoint.Port"));
		expected.put("SPRING_DATA_REDIS_SSL_ENABLED", "true");
		expected.put("CARDSTORE_AWS_DYNAMODB_TABLE_PREFIX", "cardstore-test-");
		expected.put("CARDSTORE_AWS_UPLOAD_BUCKET", ref(synthesis.uploadBucket()));
		expected.put("CARDSTORE_AWS_ACTIVATION_QUEUE",
				getAtt(synthesis.queue("cardstore-test-activation"), "QueueName"));
		expected.put("CARDSTORE_AWS_ACTIVATION_MAIL_FROM", "cards@example.org");
		expected.put("SPRING_CLOUD_AWS_REGION_STATIC", ref("AWS::Region"));
		Map<String, Object> container = container();
		Map<String, Object> environment = new LinkedHashMap<>();
		for (Object variable : (List<?>) container.get("Environment")) {
			environment.put((String) ((Map<?, ?>) variable).get("Name"), ((Map<?, ?>) variable).get("Value"));
		}
		assertThat(environment).containsAllEntriesOf(expected)
			.containsKey("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")
			.doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_CLUSTER_NODES",
					"CARDSTORE_AWS_DYNAMODB_CREATE_TABLES", "SPRING_MAIL_HOST");

		String secret = synthesis.logicalId(synthesis.stacks().store().cache().credentialsSecret());
		assertThat(oneOrMany(container.get("Secrets"))).containsExactly(
				Map.of("Name", "SPRING_DATA_REDIS_USERNAME", "ValueFrom", join(ref(secret), ":username::")),
				Map.of("Name", "SPRING_DATA_REDIS_PASSWORD", "ValueFrom", join(ref(secret), ":password::")));
	}

	@Test
	void forwardedHeadersAreTrustedFromTheLoadBalancerSubnetsOnly() {
		Pattern internalProxies = Pattern.compile((String) ((List<?>) container().get("Environment")).stream()
			.map(Map.class::cast)
			.filter((variable) -> "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES".equals(variable.get("Name")))
			.findFirst()
			.orElseThrow()
			.get("Value"));
		List<String> loadBalancerSubnets = synthesis.stacks()
			.store()
			.vpc()
			.getPublicSubnets()
			.stream()
			.map((subnet) -> subnet.getIpv4CidrBlock())
			.toList();
		assertThat(loadBalancerSubnets).containsExactly("10.0.0.0/24", "10.0.1.0/24");

		assertThat(List.of("10.0.0.4", "10.0.0.255", "10.0.1.17"))
			.allMatch((address) -> internalProxies.matcher(address).matches());
		// The tasks' and the cache's subnets, and anywhere else.
		assertThat(List.of("10.0.2.10", "10.0.3.10", "10.0.4.10", "110.0.0.4", "10.0.0.4.1", "192.168.0.1"))
			.noneMatch((address) -> internalProxies.matcher(address).matches());
	}

	@Test
	void theContainerHealthCheckAsksForLivenessSoThatARedisOutageReplacesNoTask() {
		synthesis.store()
			.hasResourceProperties("AWS::ECS::TaskDefinition",
					Map.of("ContainerDefinitions",
							List.of(Match.objectLike(Map.of("HealthCheck",
									Map.of("Command", List.of("CMD-SHELL",
											"curl -fsS http://localhost:8081/actuator/health/liveness || exit 1"),
											"Interval", 15, "Retries", 3, "StartPeriod", 120, "Timeout", 5))))));
	}

	@Test
	void theLogsAreKeptAMonth() {
		synthesis.store()
			.hasResource("AWS::Logs::LogGroup",
					Map.of("Properties", Map.of("RetentionInDays", 30), "DeletionPolicy", "Retain"));
	}

	private static Map<String, Object> container() {
		Map<String, Object> task = properties(
				synthesis.resources("AWS::ECS::TaskDefinition").values().iterator().next());
		List<?> containers = (List<?>) task.get("ContainerDefinitions");
		assertThat(containers).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> container = (Map<String, Object>) containers.get(0);
		return container;
	}

}
