package io.cardstore.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What pages an operator, and one dashboard to look at: alarms on the load balancer (5xx
 * rate, unhealthy targets, p99), the service (fewer tasks running than wanted), the
 * session cache (CPU, memory, evictions, connections), the mail dead-letter queue, and
 * the store's own meters, which the replicas publish to CloudWatch under
 * {@value #NAMESPACE} (the near cache's hit ratio, the 503s of a Redis outage). Every
 * alarm notifies one SNS topic, and its recovery too.
 */
public class StoreAlarms extends Construct {

	/**
	 * The CloudWatch namespace of the store's own meters
	 * ({@code management.cloudwatch.metrics.export.namespace}).
	 */
	public static final String NAMESPACE = "CardStore";

	private static final Duration MINUTE = Duration.minutes(1);

	private final Topic topic;

	private final List<Alarm> alarms = new ArrayList<>();

	private final Dashboard dashboard;

	public StoreAlarms(Construct scope, String id, ApplicationLoadBalancedFargateService service, SessionCache cache,
			IQueue deadLetters, String alarmEmail) {
		super(scope, id);
		this.topic = Topic.Builder.create(this, "Topic").displayName("CardStore alarms").enforceSsl(true).build();
		if (!alarmEmail.isEmpty()) {
			this.topic.addSubscription(new EmailSubscription(alarmEmail));
		}

		var loadBalancer = service.getLoadBalancer().getMetrics();
		var targets = service.getTargetGroup().getMetrics();
		MathExpression errorRate = MathExpression.Builder.create()
			.expression("IF(requests > 0, 100 * (elb + target) / requests, 0)")
			.usingMetrics(Map.of("elb", loadBalancer.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum()), "target",
					targets.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum()), "requests",
					loadBalancer.requestCount(sum())))
			.label("5xx, % of requests")
			.period(MINUTE)
			.build();
		alarm("ServerErrors", errorRate, 1, 3, "More than 1% of requests answered 5xx for 3 minutes");
		alarm("UnhealthyTargets", targets.unhealthyHostCount(statistic("Maximum")), 1, 5,
				"A task failed its readiness check for 5 minutes");
		alarm("SlowResponses", targets.targetResponseTime(statistic("p99")), 1, 5,
				"The slowest 1% of requests took over 1 s for 5 minutes");
		Map<String, String> serviceDimensions = Map.of("ClusterName", service.getCluster().getClusterName(),
				"ServiceName", service.getService().getServiceName());
		MathExpression missingTasks = MathExpression.Builder.create()
			.expression("desired - running")
			.usingMetrics(Map.of("desired",
					metric("ECS/ContainerInsights", "DesiredTaskCount", serviceDimensions, "Average"), "running",
					metric("ECS/ContainerInsights", "RunningTaskCount", serviceDimensions, "Average")))
			.label("tasks missing")
			.period(MINUTE)
			.build();
		alarm("TasksMissing", missingTasks, 1, 5, "Fewer tasks running than desired for 5 minutes");

		List<IMetric> cacheCpu = new ArrayList<>();
		List<IMetric> cacheMemory = new ArrayList<>();
		for (Map<String, String> node : cache.metricDimensions()) {
			String name = String.join("", node.values());
			boolean serverless = node.containsKey("clusterId");
			if (!serverless) {
				Metric cpu = metric("AWS/ElastiCache", "EngineCPUUtilization", node, "Average");
				Metric memory = metric("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", node, "Average");
				cacheCpu.add(cpu);
				cacheMemory.add(memory);
				alarm("CacheCpu" + name, cpu, 80, 5, "Redis engine CPU over 80% for 5 minutes on " + name);
				alarm("CacheMemory" + name, memory, 80, 5, "Redis memory over 80% for 5 minutes on " + name);
			}
			alarm("CacheEvictions" + name, metric("AWS/ElastiCache", "Evictions", node, "Sum"), 1, 1,
					"Redis evicted keys (sessions lost) on " + name);
			alarm("CacheConnections" + name, metric("AWS/ElastiCache", "CurrConnections", node, "Maximum"), 1000, 5,
					"Over 1000 connections to Redis for 5 minutes on " + name);
		}
		alarm("MailDeadLetters", deadLetters.metricApproximateNumberOfMessagesVisible(statistic("Maximum")), 1, 1,
				"An account mail request failed for good");

		Metric hits = storeMetric("cardstore.session.near-cache.requests.count", Map.of("result", "hit"));
		Metric misses = storeMetric("cardstore.session.near-cache.requests.count", Map.of("result", "miss"));
		MathExpression hitRatio = MathExpression.Builder.create()
			.expression("IF(hits + misses > 100, 100 * hits / (hits + misses), 100)")
			.usingMetrics(Map.of("hits", hits, "misses", misses))
			.label("near-cache hit ratio, %")
			.period(Duration.minutes(5))
			.build();
		Alarm lowHitRatio = Alarm.Builder.create(this, "LowHitRatio")
			.metric(hitRatio)
			.threshold(80)
			.comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
			.evaluationPeriods(2)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.alarmDescription("Under 80% of sessions served from the replicas' caches for 10 minutes: too small a "
					+ "cache, or change notices lost")
			.build();
		notify(lowHitRatio);
		Metric unavailable = storeMetric("cardstore.session.unavailable.count", Map.of());
		alarm("SessionStoreUnavailable", unavailable, 1, 1, "Requests answered 503: Redis could not be reached");

		this.dashboard = Dashboard.Builder.create(this, "Dashboard")
			.dashboardName(service.getLoadBalancer().getStack().getStackName() + "-store")
			.widgets(List.of(
					List.of(graph("Requests", loadBalancer.requestCount(sum())), graph("5xx, % of requests", errorRate),
							graph("Response time p99", targets.targetResponseTime(statistic("p99")))),
					List.of(graph("Tasks", missingTasks, targets.healthyHostCount(statistic("Minimum")),
							targets.unhealthyHostCount(statistic("Maximum"))),
							graph("Near-cache hit ratio, %", hitRatio), graph("503s: Redis unreachable", unavailable)),
					List.of(graph("Redis CPU, %", cacheCpu.toArray(IMetric[]::new)),
							graph("Redis memory, %", cacheMemory.toArray(IMetric[]::new)),
							graph("Mail dead letters", deadLetters.metricApproximateNumberOfMessagesVisible()))))
			.build();
	}

	public Topic topic() {
		return this.topic;
	}

	public List<Alarm> alarms() {
		return this.alarms;
	}

	public Dashboard dashboard() {
		return this.dashboard;
	}

	/**
	 * An alarm when the metric reaches the threshold in each of so many one-minute
	 * periods.
	 */
	private void alarm(String id, IMetric metric, double threshold, int minutes, String description) {
		Alarm alarm = Alarm.Builder.create(this, id)
			.metric(metric)
			.threshold(threshold)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
			.evaluationPeriods(minutes)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.alarmDescription(description)
			.build();
		notify(alarm);
	}

	private void notify(Alarm alarm) {
		alarm.addAlarmAction(new SnsAction(this.topic));
		alarm.addOkAction(new SnsAction(this.topic));
		this.alarms.add(alarm);
	}

	private static GraphWidget graph(String title, IMetric... metrics) {
		return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
	}

	private static Metric storeMetric(String name, Map<String, String> dimensions) {
		return metric(NAMESPACE, name, dimensions, "Sum");
	}

	private static Metric metric(String namespace, String name, Map<String, String> dimensions, String statistic) {
		return Metric.Builder.create()
			.namespace(namespace)
			.metricName(name)
			.dimensionsMap(dimensions)
			.statistic(statistic)
			.period(MINUTE)
			.build();
	}

	private static MetricOptions sum() {
		return statistic("Sum");
	}

	private static MetricOptions statistic(String statistic) {
		return MetricOptions.builder().statistic(statistic).period(MINUTE).build();
	}

}
