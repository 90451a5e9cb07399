package io.cardstore.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The store's replicas: Fargate tasks in the private subnets behind an internet-facing
 * Application Load Balancer that terminates TLS. Any task serves any request (the
 * sessions are in Redis), so there are no sticky sessions.
 */
public class StoreService extends Construct {

	/** Where the store answers; the only port the load balancer forwards to. */
	static final int STORE_PORT = 8080;

	/**
	 * Where the health checks and metrics answer ({@code management.server.port}), never
	 * routed.
	 */
	static final int MANAGEMENT_PORT = 8081;

	static final String READINESS_PATH = "/actuator/health/readiness";

	static final String LIVENESS_PATH = "/actuator/health/liveness";

	static final int MIN_TASKS = 2;

	static final int MAX_TASKS = 8;

	/**
	 * Longer than the application's graceful shutdown (20 s): a task leaves the target
	 * group, finishes what it serves, and only then is stopped.
	 */
	static final Duration DEREGISTRATION_DELAY = Duration.seconds(30);

	private final ApplicationLoadBalancedFargateService service;

	/**
	 * @param vpc the network, with public subnets for the load balancer and private ones
	 * with egress for the tasks
	 * @param securityGroup the tasks' security group, which the session cache admits
	 * @param container what the tasks run
	 * @param certificate the certificate of the store's host name
	 * @param logGroup where the containers' output goes
	 */
	public StoreService(Construct scope, String id, IVpc vpc, ISecurityGroup securityGroup, Container container,
			ICertificate certificate, ILogGroup logGroup) {
		super(scope, id);
		FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
			.cpu(1024)
			.memoryLimitMiB(2048)
			// deploy/push-to-ecr.sh builds linux/amd64 images.
			.runtimePlatform(RuntimePlatform.builder()
				.operatingSystemFamily(OperatingSystemFamily.LINUX)
				.cpuArchitecture(CpuArchitecture.X86_64)
				.build())
			.taskRole(container.taskRole())
			.build();
		task.addContainer("web", ContainerDefinitionOptions.builder()
			.containerName("web")
			.image(container.image())
			// The store's port first: the load balancer forwards to the first mapping.
			.portMappings(List.of(PortMapping.builder().containerPort(STORE_PORT).name("store").build(),
					PortMapping.builder().containerPort(MANAGEMENT_PORT).name("management").build()))
			.environment(container.environment())
			.secrets(container.secrets())
			.logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logGroup).streamPrefix("web").build()))
			// Liveness, not readiness: a Redis outage takes every task out of the load
			// balancer,
			// but must not have ECS replace them all.
			.healthCheck(HealthCheck.builder()
				.command(List.of("CMD-SHELL",
						"curl -fsS http://localhost:" + MANAGEMENT_PORT + LIVENESS_PATH + " || exit 1"))
				.interval(Duration.seconds(15))
				.timeout(Duration.seconds(5))
				.retries(3)
				.startPeriod(Duration.seconds(120))
				.build())
			// SIGTERM, then up to this long for the 20 s graceful shutdown before
			// SIGKILL.
			.stopTimeout(Duration.seconds(30))
			.build());

		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.vpc(vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		this.service = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
			.cluster(cluster)
			.taskDefinition(task)
			.taskSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.securityGroups(List.of(securityGroup))
			.assignPublicIp(false)
			.publicLoadBalancer(true)
			.protocol(ApplicationProtocol.HTTPS)
			.certificate(certificate)
			.sslPolicy(SslPolicy.RECOMMENDED_TLS)
			.redirectHttp(true)
			.desiredCount(MIN_TASKS)
			// A deployment starts the new tasks before it stops old ones, and rolls back
			// by itself
			// when the new ones never become healthy.
			.minHealthyPercent(100)
			.maxHealthyPercent(200)
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			.healthCheckGracePeriod(Duration.seconds(120))
			.build();

		// The pattern's outputs give an https address of the load balancer's own name,
		// which the
		// certificate does not cover; the stack outputs the store's address and that name
		// apart.
		this.service.getNode().tryRemoveChild("LoadBalancerDNS");
		this.service.getNode().tryRemoveChild("ServiceURL");

		ApplicationTargetGroup targetGroup = this.service.getTargetGroup();
		targetGroup.configureHealthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
			.protocol(Protocol.HTTP)
			.port(String.valueOf(MANAGEMENT_PORT))
			.path(READINESS_PATH)
			.healthyHttpCodes("200")
			.interval(Duration.seconds(10))
			.timeout(Duration.seconds(5))
			.healthyThresholdCount(2)
			.unhealthyThresholdCount(3)
			.build());
		targetGroup.setAttribute("deregistration_delay.timeout_seconds",
				String.valueOf((int) DEREGISTRATION_DELAY.toSeconds()));
		// The health checks reach the management port, which no listener forwards to.
		this.service.getService()
			.getConnections()
			.allowFrom(this.service.getLoadBalancer(), Port.tcp(MANAGEMENT_PORT),
					"Health checks from the load balancer");
		// Requests with header fields that are not valid HTTP never reach the store.
		this.service.getLoadBalancer().setAttribute("routing.http.drop_invalid_header_fields.enabled", "true");

		ScalableTaskCount scaling = this.service.getService()
			.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(MIN_TASKS).maxCapacity(MAX_TASKS).build());
		scaling.scaleOnCpuUtilization("CpuScaling",
				CpuUtilizationScalingProps.builder()
					.targetUtilizationPercent(60)
					.scaleOutCooldown(Duration.seconds(60))
					.scaleInCooldown(Duration.seconds(300))
					.build());
		// Per task and minute: about 50 requests a second, well below what a task serves,
		// so
		// that a burst is met by new tasks before latency grows.
		scaling.scaleOnRequestCount("RequestScaling",
				RequestCountScalingProps.builder()
					.requestsPerTarget(3000)
					.targetGroup(targetGroup)
					.scaleOutCooldown(Duration.seconds(60))
					.scaleInCooldown(Duration.seconds(300))
					.build());
	}

	public ApplicationLoadBalancedFargateService service() {
		return this.service;
	}

	/**
	 * What the tasks run.
	 *
	 * @param image the application image
	 * @param taskRole the role the application's AWS calls run as
	 * @param environment its settings
	 * @param secrets its settings kept in Secrets Manager
	 */
	public record Container(ContainerImage image, IRole taskRole, Map<String, String> environment,
			Map<String, Secret> secrets) {
	}

}
