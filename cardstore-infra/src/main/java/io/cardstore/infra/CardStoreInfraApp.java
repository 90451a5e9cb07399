package io.cardstore.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * Synthesizes CardStore's stacks into a CloudFormation cloud assembly. The stacks are
 * environment-agnostic: they deploy to the account and region the CDK CLI is given, and
 * synthesize with no AWS account at all.
 */
public final class CardStoreInfraApp {

	/** The stack of the image repository, deployed first. */
	public static final String IMAGES_STACK = "CardStoreImages";

	/** The stack of everything else. */
	public static final String STORE_STACK = "CardStore";

	private CardStoreInfraApp() {
	}

	public static void main(String[] args) {
		NodeRuntime.current().requireSupported();
		// The CDK CLI names the output directory in CDK_OUTDIR; run by the build alone,
		// this
		// module's cdk.out, as the CLI would.
		String outdir = (System.getenv("CDK_OUTDIR") != null) ? null
				: System.getProperty("cardstore.infra.outdir", "cdk.out");
		App app = new App(AppProps.builder().outdir(outdir).build());
		define(app, DeploymentSettings.from(app.getNode()::tryGetContext));
		app.synth();
	}

	/**
	 * Adds CardStore's stacks to the app, checked against the AWS Solutions rules
	 * (cdk-nag) as they synthesize.
	 */
	public static Stacks define(App app, DeploymentSettings settings) {
		Aspects.of(app).add(new AwsSolutionsChecks());
		ImageRepositoryStack images = new ImageRepositoryStack(app, IMAGES_STACK,
				StackProps.builder().description("CardStore: the application image repository").build(), settings);
		CardStoreStack store = new CardStoreStack(app, STORE_STACK,
				StackProps.builder()
					.description("CardStore: network, session cache, tables, bucket, queue, mail identity and service")
					.build(),
				settings);
		// Tasks start from an image in the repository: deploying the store deploys the
		// repository first.
		store.addStackDependency(images, "The tasks run an image from the repository");
		return new Stacks(images, store);
	}

	/** The stacks of one deployment. */
	public record Stacks(ImageRepositoryStack images, CardStoreStack store) {
	}

}
