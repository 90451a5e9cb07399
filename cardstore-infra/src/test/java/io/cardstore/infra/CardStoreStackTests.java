package io.cardstore.infra;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.upload.CardImageUploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.getAtt;
import static io.cardstore.infra.Synthesis.oneOrMany;
import static io.cardstore.infra.Synthesis.policyStatements;
import static io.cardstore.infra.Synthesis.properties;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's stacks as a deployment with a replication group synthesizes them: what each
 * resource holds, and the rules around them (TLS everywhere, nothing public but the load
 * balancer, least privilege). The templates stay in {@code target/cdk-template} for
 * cfn-lint.
 */
class CardStoreStackTests {

	static final Map<String, Object> CONTEXT = Map.of("prefix", "cardstore-test-", "publicUrl",
			"https://cards.example.org", "certificateArn",
			"arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555", "mailFrom",
			"cards@example.org", "imageTag", "0123456789ab");

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		synthesis = Synthesis.of("cdk-template", CONTEXT);
	}

	@Test
	void theTemplatesAreWrittenWhereCfnLintChecksThem() {
		assertThat(synthesis.directory().resolve(CardStoreInfraApp.STORE_STACK + ".template.json")).isNotEmptyFile();
		assertThat(synthesis.directory().resolve(CardStoreInfraApp.IMAGES_STACK + ".template.json")).isNotEmptyFile();
	}

	@Test
	void theNetworkSpansTwoZonesWithPublicPrivateAndIsolatedSubnets() {
		synthesis.store().hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", CardStoreStack.VPC_CIDR));
		synthesis.store().resourceCountIs("AWS::EC2::Subnet", 6);
		synthesis.store().resourceCountIs("AWS::EC2::NatGateway", 2);
		assertThat(synthesis.stacks().store().vpc().getPublicSubnets()).hasSize(2);
		assertThat(synthesis.stacks().store().vpc().getPrivateSubnets()).hasSize(2);
		assertThat(synthesis.stacks().store().vpc().getIsolatedSubnets()).hasSize(2);
		for (String service : List.of(".s3", ".dynamodb")) {
			synthesis.store()
				.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway", "ServiceName",
						Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(service))))));
		}
	}

	@Test
	void theImageRepositoryScansOnPushAndKeepsTagsImmutable() throws Exception {
		synthesis.images()
			.hasResourceProperties("AWS::ECR::Repository", Map.of("RepositoryName", "cardstore-web",
					"ImageScanningConfiguration", Map.of("ScanOnPush", true), "ImageTagMutability", "IMMUTABLE"));
		synthesis.images().hasOutput("RepositoryUri", Match.anyValue());
		// The script pushes to that repository unless told another.
		String script = Files.readString(Synthesis.projectFile("deploy/push-to-ecr.sh"));
		assertThat(script).contains("repository=\"${3:-" + synthesis.settings().repositoryName() + "}\"");
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
							"Certificates", List.of(Map.of("CertificateArn", CONTEXT.get("certificateArn")))));
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
		String group = synthesis.logicalId(cacheResource("AWS::ElastiCache::ReplicationGroup"));
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("SPRING_PROFILES_ACTIVE", "production");
		expected.put("CARDSTORE_PUBLIC_URL", "https://cards.example.org");
		expected.put("SPRING_DATA_REDIS_HOST", getAtt(group, "PrimaryEndPoint.Address"));
		expected.put("SPRING_DATA_REDIS_PORT", getAtt(group, "PrimaryEndPoint.Port"));
		expected.put("SPRING_DATA_REDIS_SSL_ENABLED", "true");
		expected.put("CARDSTORE_AWS_DYNAMODB_TABLE_PREFIX", "cardstore-test-");
		expected.put("CARDSTORE_AWS_UPLOAD_BUCKET", ref(uploadBucket()));
		expected.put("CARDSTORE_AWS_ACTIVATION_QUEUE", getAtt(queue("cardstore-test-activation"), "QueueName"));
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
	void theSessionCacheIsAnEncryptedMultiAzReplicationGroupWithItsOwnUsers() {
		Capture userGroup = new Capture();
		Capture parameters = new Capture();
		synthesis.store()
			.hasResourceProperties("AWS::ElastiCache::ReplicationGroup",
					Map.ofEntries(Map.entry("Engine", "valkey"), Map.entry("NumCacheClusters", 2),
							Map.entry("MultiAZEnabled", true), Map.entry("AutomaticFailoverEnabled", true),
							Map.entry("TransitEncryptionEnabled", true), Map.entry("TransitEncryptionMode", "required"),
							Map.entry("AtRestEncryptionEnabled", true), Map.entry("Port", 6379),
							Map.entry("UserGroupIds", List.of(Map.of("Ref", userGroup))),
							Map.entry("CacheParameterGroupName", Map.of("Ref", parameters))));
		synthesis.store().resourceCountIs("AWS::ElastiCache::ServerlessCache", 0);

		// Keyspace notifications stay off: the session store needs none.
		Map<String, Object> parameterGroup = properties(
				synthesis.resources("AWS::ElastiCache::ParameterGroup").get(parameters.asString()));
		assertThat(parameterGroup.get("Properties").toString()).doesNotContain("notify-keyspace-events");
		assertThat(parameterGroup.get("CacheParameterGroupFamily")).isEqualTo("valkey8");

		synthesis.assertCacheUsers(userGroup.asString());
	}

	@Test
	void theSessionCacheAdmitsTheTasksOnPort6379Only() {
		String cache = synthesis.logicalId(synthesis.stacks().store().cache().securityGroup());
		String tasks = synthesis.logicalId(
				synthesis.stacks().store().store().service().getService().getConnections().getSecurityGroups().get(0));
		assertThat(synthesis.ingressRules(cache))
			.containsExactly(new Synthesis.Ingress("tcp", 6379, 6379, getAtt(tasks, "GroupId"), null));
		synthesis.store()
			.hasResourceProperties("AWS::ElastiCache::SubnetGroup",
					Map.of("SubnetIds",
							synthesis.stacks()
								.store()
								.vpc()
								.getIsolatedSubnets()
								.stream()
								.map((subnet) -> ref(synthesis.logicalId(subnet)))
								.toList()));
	}

	@Test
	void theTablesAreTheApplicationsLayoutWithBackupsAndProtection() {
		synthesis.store().resourceCountIs("AWS::DynamoDB::Table", CardStoreTableLayout.TABLES.size());
		for (CardStoreTableLayout.Table table : CardStoreTableLayout.TABLES) {
			List<Map<String, String>> keySchema = new ArrayList<>(List.of(key(table.partitionKey(), "HASH")));
			if (table.hasSortKey()) {
				keySchema.add(key(table.sortKey(), "RANGE"));
			}
			Map<String, Object> expected = new LinkedHashMap<>();
			expected.put("TableName", table.name("cardstore-test-"));
			expected.put("BillingMode", "PAY_PER_REQUEST");
			expected.put("KeySchema", keySchema);
			expected.put("AttributeDefinitions",
					table.keyAttributes()
						.stream()
						.map((attribute) -> Map.of("AttributeName", attribute, "AttributeType", "S"))
						.toList());
			expected.put("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
			expected.put("DeletionProtectionEnabled", true);
			expected.put("TimeToLiveSpecification", table.hasTimeToLive()
					? Map.of("AttributeName", table.timeToLiveAttribute(), "Enabled", true) : Match.absent());
			expected.put("GlobalSecondaryIndexes",
					table.indexes().isEmpty() ? Match.absent()
							: table.indexes()
								.stream()
								.map((index) -> Map.of("IndexName", index.name(), "KeySchema",
										List.of(key(index.partitionKey(), "HASH"), key(index.sortKey(), "RANGE")),
										"Projection", Map.of("ProjectionType", "ALL")))
								.toList());
			synthesis.store()
				.hasResource("AWS::DynamoDB::Table",
						Map.of("Properties", expected, "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
		}
		// The one the application uses for accounts never activated.
		synthesis.store()
			.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "cardstore-test-users",
					"TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
	}

	@Test
	void theUploadBucketIsPrivateEncryptedTlsOnlyAndExpiresUnclaimedUploads() {
		synthesis.store()
			.hasResource("AWS::S3::Bucket", Map
				.of("DeletionPolicy", "Retain", "Properties", Map.of("PublicAccessBlockConfiguration",
						Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
								"RestrictPublicBuckets", true),
						"OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
						"BucketEncryption",
						Map.of("ServerSideEncryptionConfiguration",
								List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
						"CorsConfiguration",
						Map.of("CorsRules",
								List.of(Match.objectLike(Map.of("AllowedOrigins", List.of("https://cards.example.org"),
										"AllowedMethods", List.of("PUT", "GET", "HEAD"))))),
						"LifecycleConfiguration",
						Map.of("Rules",
								List.of(Map.of("Id", "expire-unclaimed-uploads", "Prefix",
										CardImageUploads.UPLOAD_PREFIX, "ExpirationInDays",
										CardImageUploads.UNCLAIMED_UPLOAD_DAYS, "Status", "Enabled"))))));
		assertThat(properties(synthesis.resources("AWS::S3::Bucket").get(uploadBucket())))
			.doesNotContainKeys("WebsiteConfiguration", "AccessControl");
		assertDeniesPlainHttp("AWS::S3::BucketPolicy", "s3:*");
	}

	@Test
	void theAccountMailQueueIsEncryptedTlsOnlyWithADeadLetterQueue() {
		String deadLetters = queue("cardstore-test-activation-dlq");
		synthesis.store()
			.hasResourceProperties("AWS::SQS::Queue",
					Map.of("QueueName", "cardstore-test-activation", "VisibilityTimeout", 30, "SqsManagedSseEnabled",
							true, "RedrivePolicy",
							Map.of("deadLetterTargetArn", getAtt(deadLetters, "Arn"), "maxReceiveCount", 3)));
		synthesis.store()
			.hasResourceProperties("AWS::SQS::Queue",
					Map.of("QueueName", "cardstore-test-activation-dlq", "SqsManagedSseEnabled", true));
		synthesis.store().resourceCountIs("AWS::SQS::QueuePolicy", 2);
		assertDeniesPlainHttp("AWS::SQS::QueuePolicy", "sqs:*");
	}

	@Test
	void theSenderAddressIsAnSesIdentity() {
		synthesis.store()
			.hasResourceProperties("AWS::SES::EmailIdentity", Map.of("EmailIdentity", "cards@example.org"));
	}

	@Test
	void theTaskRoleMayMakeTheApplicationsCallsOnItsOwnResourcesOnly() {
		String users = table("cardstore-test-users");
		String cards = table("cardstore-test-cards");
		String ledger = table("cardstore-test-ledger");
		String bucket = uploadBucket();
		String identity = onlyResource("AWS::SES::EmailIdentity");
		String role = synthesis
			.logicalId(synthesis.stacks().store().store().service().getTaskDefinition().getTaskRole());

		Map<String, Map<String, Object>> statements = new LinkedHashMap<>();
		synthesis.resources("AWS::IAM::Policy")
			.values()
			.stream()
			.filter((policy) -> ((List<?>) properties(policy).get("Roles")).contains(ref(role)))
			.flatMap((policy) -> policyStatements(policy).stream())
			.forEach((statement) -> statements.put((String) statement.get("Sid"), statement));

		assertThat(statements).containsOnlyKeys("Tables", "Indexes", "CardImages", "UploadBucket", "AccountMailQueue",
				"StoreMeters", "AccountMail");
		assertStatement(statements.get("Tables"),
				List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
						"dynamodb:Query", "dynamodb:ConditionCheckItem"),
				List.of(getAtt(users, "Arn"), getAtt(cards, "Arn"), getAtt(ledger, "Arn")));
		assertStatement(statements.get("Indexes"), List.of("dynamodb:Query"),
				List.of(join(getAtt(cards, "Arn"), "/index/" + CardStoreTableLayout.ON_SALE_INDEX)));
		assertStatement(statements.get("CardImages"), List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), List
			.of(join(getAtt(bucket, "Arn"), "/cards/uploads/*"), join(getAtt(bucket, "Arn"), "/cards/images/*")));
		assertStatement(statements.get("UploadBucket"), List.of("s3:ListBucket"), List.of(getAtt(bucket, "Arn")));
		assertStatement(statements.get("AccountMailQueue"),
				List.of("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
						"sqs:GetQueueUrl", "sqs:GetQueueAttributes"),
				List.of(getAtt(queue("cardstore-test-activation"), "Arn")));
		assertThat(oneOrMany(statements.get("AccountMail").get("Action"))).containsExactly("ses:SendRawEmail");
		assertThat(oneOrMany(statements.get("AccountMail").get("Resource")).toString()).contains(":identity/")
			.contains(ref(identity).toString());
	}

	@Test
	void noPolicyAllowsAWildcardActionOrAWildcardResourceThatCouldBeNamed() {
		List<Map<String, Object>> statements = new ArrayList<>();
		statements.addAll(policyStatements(synthesis.storeJson()));
		statements.addAll(policyStatements(synthesis.images().toJSON()));
		// The task role's and the execution role's policies, their trust policies, the
		// bucket's
		// and the two queues' policies.
		assertThat(statements).hasSizeGreaterThanOrEqualTo(13);

		for (Map<String, Object> statement : statements) {
			assertThat(statement).doesNotContainKeys("NotAction", "NotResource", "NotPrincipal");
			if ("Allow".equals(statement.get("Effect"))) {
				assertThat(oneOrMany(statement.get("Action"))).as(statement.toString())
					.allMatch((action) -> !action.toString().contains("*"));
				if (oneOrMany(statement.get("Resource")).contains("*")) {
					// Authorization tokens belong to no repository, metric data to no
					// resource but its namespace.
					assertThat(oneOrMany(statement.get("Action"))).as(statement.toString())
						.isIn(List.of("ecr:GetAuthorizationToken"), List.of("cloudwatch:PutMetricData"));
					if (oneOrMany(statement.get("Action")).contains("cloudwatch:PutMetricData")) {
						assertThat(statement.get("Condition")).as(statement.toString())
							.isEqualTo(Map.of("StringEquals", Map.of("cloudwatch:namespace", StoreAlarms.NAMESPACE)));
					}
				}
				assertThat(statement.get("Principal")).as(statement.toString())
					.isNotEqualTo("*")
					.isNotEqualTo(Map.of("AWS", "*"));
			}
		}
	}

	@Test
	void theLogsAreKeptAMonth() {
		synthesis.store()
			.hasResource("AWS::Logs::LogGroup",
					Map.of("Properties", Map.of("RetentionInDays", 30), "DeletionPolicy", "Retain"));
	}

	@Test
	void theOutputsNameTheStoreTheLoadBalancerAndTheCache() {
		String group = synthesis.logicalId(cacheResource("AWS::ElastiCache::ReplicationGroup"));
		synthesis.store().hasOutput("StoreUrl", Map.of("Value", "https://cards.example.org"));
		synthesis.store()
			.hasOutput("LoadBalancerDnsName", Map.of("Value", getAtt(
					synthesis.logicalId(synthesis.stacks().store().store().service().getLoadBalancer()), "DNSName")));
		synthesis.store()
			.hasOutput("CacheEndpoint", Map.of("Value", Map.of("Fn::Join", List.of("",
					List.of(getAtt(group, "PrimaryEndPoint.Address"), ":", getAtt(group, "PrimaryEndPoint.Port"))))));
		assertThat(synthesis.store().findOutputs("*")).containsOnlyKeys("StoreUrl", "LoadBalancerDnsName",
				"CacheEndpoint");
	}

	private void assertDeniesPlainHttp(String policyType, String action) {
		for (Map<String, Object> policy : synthesis.resources(policyType).values()) {
			assertThat(policyStatements(policy))
				.anySatisfy((statement) -> assertThat(statement).containsEntry("Effect", "Deny")
					.containsEntry("Action", action)
					.containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
		}
	}

	private static void assertStatement(Map<String, Object> statement, List<String> actions, List<Object> resources) {
		assertThat(statement.get("Effect")).isEqualTo("Allow");
		assertThat(oneOrMany(statement.get("Action"))).containsExactlyInAnyOrderElementsOf(actions);
		assertThat(oneOrMany(statement.get("Resource"))).containsExactlyInAnyOrderElementsOf(resources);
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

	private static software.constructs.IConstruct cacheResource(String type) {
		return synthesis.stacks()
			.store()
			.cache()
			.getNode()
			.getChildren()
			.stream()
			.filter((child) -> child instanceof software.amazon.awscdk.CfnResource resource
					&& type.equals(resource.getCfnResourceType()))
			.findFirst()
			.orElseThrow();
	}

	/** The upload bucket, beside the one its access logs go to. */
	private static String uploadBucket() {
		return synthesis.resources("AWS::S3::Bucket")
			.keySet()
			.stream()
			.filter((id) -> id.startsWith("UploadBucket"))
			.findFirst()
			.orElseThrow();
	}

	private static String onlyResource(String type) {
		Map<String, Map<String, Object>> resources = synthesis.resources(type);
		assertThat(resources).hasSize(1);
		return resources.keySet().iterator().next();
	}

	private static String queue(String name) {
		return resourceNamed("AWS::SQS::Queue", "QueueName", name);
	}

	private static String table(String name) {
		return resourceNamed("AWS::DynamoDB::Table", "TableName", name);
	}

	private static String resourceNamed(String type, String property, String name) {
		return synthesis.resources(type)
			.entrySet()
			.stream()
			.filter((resource) -> name.equals(properties(resource.getValue()).get(property)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type + " named " + name));
	}

	private static Map<String, Object> join(Object... parts) {
		return Map.of("Fn::Join", List.of("", List.of(parts)));
	}

	private static Map<String, String> key(String attribute, String type) {
		return Map.of("AttributeName", attribute, "KeyType", type);
	}

}
