package io.cardstore.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stacks pass the AWS Solutions rules (cdk-nag), which run as they synthesize: no
 * error and no warning is left but those {@link NagFindings} accepts with a reason,
 * whichever cache they are synthesized with.
 */
class NagFindingsTests {

	@Test
	void noAwsSolutionsFindingIsLeftWithAReplicationGroup() {
		assertNoFindings(Synthesis.of("cdk-nag", Synthesis.CONTEXT));
	}

	@Test
	void noAwsSolutionsFindingIsLeftWithServerlessAndAnAlarmAddress() {
		Map<String, Object> context = new java.util.HashMap<>(Synthesis.CONTEXT);
		context.put("cache", "serverless");
		context.put("alarmEmail", "ops@example.org");
		assertNoFindings(Synthesis.of("cdk-nag-serverless", context));
	}

	private static void assertNoFindings(Synthesis synthesis) {
		for (Stack stack : List.of(synthesis.stacks().images(), synthesis.stacks().store())) {
			List<SynthesisMessage> errors = Annotations.fromStack(stack)
				.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
			List<SynthesisMessage> warnings = Annotations.fromStack(stack)
				.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
			assertThat(errors).as("AWS Solutions errors in %s: %s", stack.getStackName(), describe(errors)).isEmpty();
			assertThat(warnings).as("AWS Solutions warnings in %s: %s", stack.getStackName(), describe(warnings))
				.isEmpty();
		}
	}

	private static List<String> describe(List<SynthesisMessage> messages) {
		return messages.stream()
			.map((message) -> message.getId() + " "
					+ String.valueOf(message.getEntry().getData()).lines().findFirst().orElse(""))
			.toList();
	}

}
