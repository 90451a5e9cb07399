package io.cardstore.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.market.CardStoreTableLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.cardstore.infra.Synthesis.getAtt;
import static io.cardstore.infra.Synthesis.join;
import static io.cardstore.infra.Synthesis.oneOrMany;
import static io.cardstore.infra.Synthesis.policyStatements;
import static io.cardstore.infra.Synthesis.properties;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege in both stacks' policies: the task role may make the application's
 * calls on its own resources only, and no policy allows a wildcard action, or a wildcard
 * resource where one could be named.
 */
class IamPoliciesTests {

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		synthesis = Synthesis.of("cdk-template", Synthesis.CONTEXT);
	}

	@Test
	void theTaskRoleMayMakeTheApplicationsCallsOnItsOwnResourcesOnly() {
		String users = synthesis.table("cardstore-test-users");
		String cards = synthesis.table("cardstore-test-cards");
		String ledger = synthesis.table("cardstore-test-ledger");
		String bucket = synthesis.uploadBucket();
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
				List.of(getAtt(synthesis.queue("cardstore-test-activation"), "Arn")));
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

	private static void assertStatement(Map<String, Object> statement, List<String> actions, List<Object> resources) {
		assertThat(statement.get("Effect")).isEqualTo("Allow");
		assertThat(oneOrMany(statement.get("Action"))).containsExactlyInAnyOrderElementsOf(actions);
		assertThat(oneOrMany(statement.get("Resource"))).containsExactlyInAnyOrderElementsOf(resources);
	}

	private static String onlyResource(String type) {
		Map<String, Map<String, Object>> resources = synthesis.resources(type);
		assertThat(resources).hasSize(1);
		return resources.keySet().iterator().next();
	}

}
