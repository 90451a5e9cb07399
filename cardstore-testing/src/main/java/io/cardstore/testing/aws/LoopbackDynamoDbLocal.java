package io.cardstore.testing.aws;

import java.lang.reflect.Field;

/**
 * Starts DynamoDB Local listening on the loopback address only. Its own launcher has
 * options for the port but none for the address, and its Jetty server listens on every
 * interface; this one sets the address on that server's connector before starting it. It
 * runs in the emulator's JVM, with DynamoDB Local's artifacts on the class path, hence
 * reflection.
 */
public final class LoopbackDynamoDbLocal {

	static final String LOOPBACK = "127.0.0.1";

	private LoopbackDynamoDbLocal() {
	}

	/** Takes DynamoDB Local's own command line options. */
	public static void main(String[] arguments) throws Exception {
		Object server = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner")
			.getMethod("createServerFromCommandLineArgs", String[].class)
			.invoke(null, (Object) arguments);
		Field jettyField = server.getClass().getDeclaredField("server");
		jettyField.setAccessible(true);
		Object jetty = jettyField.get(server);
		for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
			connector.getClass().getMethod("setHost", String.class).invoke(connector, LOOPBACK);
		}
		server.getClass().getMethod("start").invoke(server);
	}

}
