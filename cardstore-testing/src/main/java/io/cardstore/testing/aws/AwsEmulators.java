package io.cardstore.testing.aws;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.SharedService;

/** Starts S3, SQS and DynamoDB from the current {@link BackingServicesProvider}. */
public final class AwsEmulators {

	private static final SharedService<AwsServices> SHARED = new SharedService<>(
			() -> start(AwsResourceNames.defaults()));

	private AwsEmulators() {
	}

	/** Services shared by every test in this JVM, stopped when the JVM exits. */
	public static AwsServices shared() {
		return SHARED.get();
	}

	/** New services with these resources; the caller closes them. */
	public static AwsServices start(AwsResourceNames names) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> LocalStackAwsServices.start(names);
			case NATIVE -> NativeAwsServices.start(names);
		};
	}

}
