package io.cardstore.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.properties;
import static io.cardstore.infra.Synthesis.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's side of the stack: alarms that notify one topic, a dashboard, the
 * store's own meters allowed into their namespace only, and the access and flow logs an
 * investigation needs.
 */
class StoreAlarmsTests {

	static final List<String> ALARMS = List.of("ServerErrors", "UnhealthyTargets", "SlowResponses", "TasksMissing",
			"MailDeadLetters", "LowHitRatio", "SessionStoreUnavailable");

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		Map<String, Object> context = new HashMap<>(Synthesis.CONTEXT);
		context.put("alarmEmail", "ops@example.org");
		synthesis = Synthesis.of("cdk-alarms", context);
	}

	@Test
	void everyAlarmNotifiesTheTopicOnAlarmAndOnRecovery() {
		StoreAlarms alarms = synthesis.stacks().store().alarms();
		Map<String, Object> topic = Map.of("Ref", synthesis.logicalId(alarms.topic()));
		Map<String, Map<String, Object>> defined = synthesis.resources("AWS::CloudWatch::Alarm");

		// Seven on the service, the queue and the store's meters; four on each of the two
		// Redis nodes.
		assertThat(defined).hasSize(ALARMS.size() + 8);
		for (Map<String, Object> alarm : defined.values()) {
			assertThat(properties(alarm)).containsEntry("AlarmActions", List.of(topic))
				.containsEntry("OKActions", List.of(topic));
		}
		assertThat(alarms.alarms()).extracting((alarm) -> alarm.getNode().getId()).containsAll(ALARMS);
		synthesis.store()
			.hasResourceProperties("AWS::SNS::Subscription",
					Map.of("Protocol", "email", "Endpoint", "ops@example.org", "TopicArn", topic));
	}

	@Test
	void theStoresMetersAlarmOnTheNamespaceTheReplicasPublishTo() {
		synthesis.store()
			.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", StoreAlarms.NAMESPACE, "MetricName",
					"cardstore.session.unavailable.count", "Threshold", 1));
		synthesis.store()
			.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("ComparisonOperator", "LessThanThreshold",
					"Threshold", 80, "Metrics",
					Match.arrayWith(List.of(Match.objectLike(Map.of("MetricStat",
							Match
								.objectLike(Map.of("Metric", Match.objectLike(Map.of("Namespace", StoreAlarms.NAMESPACE,
										"MetricName", "cardstore.session.near-cache.requests.count"))))))))));
		synthesis.store()
			.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument",
					Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Sid",
							"StoreMeters", "Action", "cloudwatch:PutMetricData", "Resource", "*", "Condition",
							Map.of("StringEquals", Map.of("cloudwatch:namespace", StoreAlarms.NAMESPACE))))))))));
	}

	@Test
	void aDashboardShowsTheStore() {
		synthesis.store().resourceCountIs("AWS::CloudWatch::Dashboard", 1);
		assertThat(synthesis.storeJson().toString()).contains("Near-cache hit ratio").contains("Response time p99");
	}

	@Test
	void theUploadBucketAndTheNetworkKeepTheirLogs() {
		String accessLogs = synthesis.resources("AWS::S3::Bucket")
			.entrySet()
			.stream()
			.filter((bucket) -> bucket.getKey().startsWith("AccessLogs"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		synthesis.store()
			.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration",
					Map.of("DestinationBucketName", ref(accessLogs), "LogFilePrefix", "upload-bucket/")));
		synthesis.store().resourceCountIs("AWS::EC2::FlowLog", 1);
	}

}
