package io.cardstore.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.upload.CardImageUploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.getAtt;
import static io.cardstore.infra.Synthesis.policyStatements;
import static io.cardstore.infra.Synthesis.properties;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the store's stack keeps the store's data and sends its mail: the session cache,
 * the tables, the upload bucket and the account mail queue, each encrypted and reached
 * over TLS only, and the sender's SES identity.
 */
class StoreDataTests {

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		synthesis = Synthesis.of("cdk-template", Synthesis.CONTEXT);
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
		assertThat(properties(synthesis.resources("AWS::S3::Bucket").get(synthesis.uploadBucket())))
			.doesNotContainKeys("WebsiteConfiguration", "AccessControl");
		assertDeniesPlainHttp("AWS::S3::BucketPolicy", "s3:*");
	}

	@Test
	void theAccountMailQueueIsEncryptedTlsOnlyWithADeadLetterQueue() {
		String deadLetters = synthesis.queue("cardstore-test-activation-dlq");
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

	private void assertDeniesPlainHttp(String policyType, String action) {
		for (Map<String, Object> policy : synthesis.resources(policyType).values()) {
			assertThat(policyStatements(policy))
				.anySatisfy((statement) -> assertThat(statement).containsEntry("Effect", "Deny")
					.containsEntry("Action", action)
					.containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
		}
	}

	private static Map<String, String> key(String attribute, String type) {
		return Map.of("AttributeName", attribute, "KeyType", type);
	}

}
