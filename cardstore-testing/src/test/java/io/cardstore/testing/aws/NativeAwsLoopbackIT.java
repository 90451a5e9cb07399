package io.cardstore.testing.aws;

import java.util.stream.Stream;

import io.cardstore.testing.ListeningSockets;
import io.cardstore.testing.mail.MailCatcher;
import org.junit.jupiter.api.Test;

/** The native AWS emulators and the mail catcher are reachable from this machine only. */
class NativeAwsLoopbackIT {

	@Test
	void theNativeEmulatorsListenOnLoopbackOnly() {
		try (NativeAwsServices services = NativeAwsServices.start(new AwsResourceNames("loopback-cards",
				"loopback-activation", "loopback-activation-dlq", "loopback-"))) {
			Stream.of(services.s3Endpoint(), services.sqsEndpoint(), services.dynamoDbEndpoint())
				.forEach(endpoint -> ListeningSockets.assertLoopbackOnly(endpoint.getPort()));
		}
	}

	@Test
	void theMailCatcherListensOnLoopbackOnly() {
		try (MailCatcher mail = MailCatcher.start()) {
			ListeningSockets.assertLoopbackOnly(mail.smtpPort());
		}
	}

}
