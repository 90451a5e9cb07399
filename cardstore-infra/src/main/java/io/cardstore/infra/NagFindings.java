package io.cardstore.infra;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The AWS Solutions findings (cdk-nag) the store accepts, each with its reason. Every
 * other finding fails the synthesis ({@link CardStoreInfraApp}) and the infrastructure
 * tests.
 */
final class NagFindings {

	private NagFindings() {
	}

	static void suppressAccepted(CardStoreStack stack, IRole taskRole, StoreService store, SessionCache cache,
			IBucket accessLogs, StoreAlarms alarms) {
		suppress(taskRole, "AwsSolutions-IAM5",
				"Objects under the upload and image prefixes of the store's own bucket, whose keys are random; and "
						+ "PutMetricData, which names no resource, limited to the store's namespace by a condition",
				List.of("Resource::<UploadBucketD2C1DA78.Arn>/cards/uploads/*",
						"Resource::<UploadBucketD2C1DA78.Arn>/cards/images/*", "Resource::*"));
		suppress(store.service().getTaskDefinition().getExecutionRole(), "AwsSolutions-IAM5",
				"ecr:GetAuthorizationToken, which the CDK grants the execution role to pull the image, names no resource",
				List.of("Resource::*"));
		suppress(store.service().getTaskDefinition(), "AwsSolutions-ECS2",
				"The environment holds names and addresses only (tables, bucket, queue, public URL); the Redis "
						+ "credentials come from Secrets Manager",
				null);
		suppress(store.service().getLoadBalancer(), "AwsSolutions-EC23",
				"The store is public: its load balancer takes HTTPS from anywhere, and HTTP only to redirect it", null);
		suppress(store.service().getLoadBalancer(), "AwsSolutions-ELB2",
				"The stack is environment-agnostic, and the load balancer's log delivery needs the region's ELB "
						+ "account at synthesis; enable access logs on the deployed load balancer, or synthesize for "
						+ "an environment",
				null);
		suppress(cache, "AwsSolutions-AEC6",
				"The cache requires its users to log in with Redis ACL (RBAC user group), which supersedes a single "
						+ "AUTH token; the default user is switched off",
				null);
		suppress(cache, "AwsSolutions-SMG4",
				"Rotating an ElastiCache user's password needs a rotation function that also rolls the tasks; "
						+ "not provided yet (the switched-off default user's password is never used)",
				null);
		suppress(accessLogs, "AwsSolutions-S1",
				"The bucket that receives the access logs: logging its own access into itself would loop", null);
		suppress(alarms.topic(), "AwsSolutions-SNS2",
				"CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed key, and the alarms "
						+ "carry no data worth a customer-managed key",
				null);
	}

	private static void suppress(IConstruct construct, String rule, String reason, @Nullable List<String> appliesTo) {
		NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
		if (appliesTo != null) {
			suppression.appliesTo(List.copyOf(appliesTo));
		}
		NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
	}

}
