package io.cardstore.infra;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import static io.cardstore.infra.Synthesis.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's stacks as a deployment with a replication group synthesizes them, as a
 * whole: the templates, kept in {@code target/cdk-template} for cfn-lint, the network
 * every part runs in, the image repository and what the store's stack outputs. The parts
 * have tests of their own, all of the same deployment: {@link StoreServiceTests},
 * {@link StoreDataTests} and {@link IamPoliciesTests}.
 */
class CardStoreStackTests {

	private static Synthesis synthesis;

	@BeforeAll
	static void synthesize() {
		synthesis = Synthesis.of("cdk-template", Synthesis.CONTEXT);
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
	void theOutputsNameTheStoreTheLoadBalancerAndTheCache() {
		String group = synthesis.logicalId(synthesis.cacheResource("AWS::ElastiCache::ReplicationGroup"));
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

}
