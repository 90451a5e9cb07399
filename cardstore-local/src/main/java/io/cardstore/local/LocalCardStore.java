package io.cardstore.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.aws.CardStoreAwsProperties;
import io.cardstore.aws.CardStoreTables;
import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.AwsServices;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.prometheus.PrometheusServer;
import io.cardstore.testing.redis.RedisOptions;
import jakarta.mail.internet.MimeMessage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the store on this machine with every backing service started for it: containers
 * when a Docker engine answers, native servers otherwise. Started by
 * {@code ./mvnw -pl cardstore-web -am spring-boot:test-run}, whose main class in
 * {@code cardstore-web}'s tests hands it the application class; with
 * {@code -Dspring-boot.run.arguments=--replicas=2} it runs two application processes
 * behind nginx (in a container when a Docker engine answers, from the PATH otherwise,
 * with the project's template), as the cluster does: started as the image starts them
 * when the jar was packaged in the same build ({@link PackagedApplication}); with
 * {@code --prometheus} as well, Prometheus scrapes them as the compose file's profile
 * "observability" does. Ctrl-C stops everything.
 */
public final class LocalCardStore {

	private static final int PORT = 8080;

	private static final int MANAGEMENT_PORT = 9080;

	/**
	 * Spring Boot's line once the application has started: "... in 1.2 seconds (process
	 * running for 1.6)".
	 */
	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in (\\S+ seconds \\(process running for \\S+\\))");

	private static final Pattern LINK = Pattern.compile("http://\\S+/(activate|password/reset)\\?\\S+");

	private LocalCardStore() {
	}

	/**
	 * Starts the backing services, then the application (or its jar, for several
	 * replicas), and runs until the JVM stops.
	 * @param applicationClass the application's {@code @SpringBootApplication} class, on
	 * this JVM's class path
	 * @param args the arguments of {@code spring-boot.run.arguments}
	 */
	public static void run(Class<?> applicationClass, String[] args) throws InterruptedException {
		List<String> arguments = new ArrayList<>(List.of(args));
		int replicas = replicas(arguments);
		boolean prometheus = arguments.remove("--prometheus");
		System.out.println(BackingServices.describeStart());
		BackingServices services = BackingServices.start(RedisOptions.defaults().withAppendOnly());
		Runtime.getRuntime().addShutdownHook(new Thread(services::close, "local-backing-services-stop"));
		Map<String, String> properties = services.connectionProperties();
		// These services replace those of docker-compose.yml, which spring-boot:run
		// starts; as arguments, these
		// properties override the system properties the pom gives that run.
		properties.put("spring.docker.compose.enabled", "false");
		MailCatcher mail = services.mail();

		if (replicas <= 1) {
			properties.put("cardstore.session.instance-id", "local");
			arguments.addAll(Replica.arguments(properties));
			SpringApplication application = new SpringApplication(applicationClass, LocalMailInbox.class);
			// The inbox shows the mails of the catcher these backing services started.
			application.addInitializers(context -> context.getBeanFactory().registerSingleton("mailCatcher", mail));
			ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
			String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			System.out.println();
			System.out.println("CardStore is running at " + url);
			System.out.println("Activation mails arrive at " + url + "/dev/mail");
			System.out.println("Ctrl-C stops the store and its backing services.");
			System.out.println();
			return;
		}
		runCluster(applicationClass, replicas, properties, arguments, services, prometheus);
	}

	/**
	 * Replicas as separate JVMs behind nginx; activation links are printed here as mails
	 * arrive.
	 */
	private static void runCluster(Class<?> applicationClass, int replicas, Map<String, String> properties,
			List<String> arguments, BackingServices services, boolean prometheus) throws InterruptedException {
		MailCatcher mail = services.mail();
		List<String> application = application(applicationClass);
		createTables(services.aws(), properties);
		List<String> replicaArguments = new ArrayList<>(Replica.arguments(properties));
		replicaArguments.addAll(arguments);
		List<Replica> cluster = new ArrayList<>();
		for (int index = 1; index <= replicas; index++) {
			// Each replica's operations endpoints on a port of its own, which nginx does
			// not route.
			Replica replica = Replica.onPorts("local-" + index, PORT + index, MANAGEMENT_PORT + index, application,
					replicaArguments);
			System.out.println("Starting replica " + replica.id() + " on port " + replica.port() + " (operations on "
					+ replica.managementPort() + ")...");
			cluster.add(replica);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.forEach(Replica::close), "local-replicas-stop"));
		// Side by side, as an orchestrator starts tasks.
		Replica.startTogether(cluster);
		for (Replica replica : cluster) {
			Matcher running = STARTED.matcher(replica.log());
			System.out
				.println("  " + replica.id() + " ready" + (running.find() ? ", started in " + running.group(1) : ""));
		}
		List<String> addresses = cluster.stream().map(Replica::address).toList();
		List<String> managementAddresses = cluster.stream().map(Replica::managementAddress).toList();
		NginxServer nginx = NginxServer.start(addresses, PORT);
		Runtime.getRuntime().addShutdownHook(new Thread(nginx::close, "local-nginx-stop"));
		String scraping = null;
		if (prometheus) {
			// The dashboard's Prometheus, as docker-compose.yml's profile "observability"
			// runs it, on the replicas here.
			PrometheusServer server = PrometheusServer.start(managementAddresses);
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-prometheus-stop"));
			scraping = server.url();
		}

		System.out.println();
		System.out.println("CardStore is running at " + nginx.url() + " (nginx in front of " + replicas + " replicas)");
		cluster.forEach(replica -> System.out.println("  log of a replica: " + replica.directory()));
		if (scraping != null) {
			System.out.println("Prometheus scrapes the replicas' management ports: " + scraping
					+ " (queries: observability/grafana/dashboards/cardstore.json)");
		}
		System.out.println("Every response names its replica in the X-Served-By header; links from mail appear below.");
		System.out.println("Ctrl-C stops the store and its backing services.");
		System.out.println();
		int printed = 0;
		while (true) {
			List<MimeMessage> messages = mail.messages();
			for (; printed < messages.size(); printed++) {
				Matcher link = LINK.matcher(MailCatcher.part(messages.get(printed), "text/plain").orElse(""));
				System.out.println("Mail with a link: " + (link.find() ? link.group() : "(no link)"));
			}
			Thread.sleep(1000);
		}
	}

	/**
	 * How a replica starts: as the image starts it (the extracted jar, on JDK 25 with the
	 * AOT cache where there is one) when the package phase has built the jar from the
	 * classes compiled now; otherwise from the classes, on this JVM. Either way with C1
	 * alone ({@link PackagedApplication#C1_ONLY}).
	 */
	private static List<String> application(Class<?> applicationClass) {
		String jar = System.getProperty(PackagedApplication.JAR_PROPERTY);
		if (jar != null && CurrentJar.isCurrent(Path.of(jar))) {
			List<String> options = new ArrayList<>(PackagedApplication.IMAGE_JVM_OPTIONS);
			options.add(PackagedApplication.C1_ONLY);
			return PackagedApplication.prepare().command(options);
		}
		System.out.println("No jar built from the current classes (" + jar + "): the replicas run from the classes on "
				+ "this JVM, without the AOT cache. Add 'package' before 'spring-boot:test-run' to run them as the image does.");
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), PackagedApplication.C1_ONLY,
				"-cp", System.getProperty("java.class.path"), applicationClass.getName());
	}

	/**
	 * Creates the tables once, before the replicas start, as the infrastructure does in
	 * AWS: replicas that each created them at startup would wait on one another.
	 */
	private static void createTables(AwsServices aws, Map<String, String> properties) {
		try (DynamoDbClient dynamoDb = AwsResources.dynamoDbClient(aws.dynamoDbEndpoint())) {
			new CardStoreTables(dynamoDb, new CardStoreAwsProperties.DynamoDb(aws.resources().tablePrefix(), true))
				.afterSingletonsInstantiated();
		}
		properties.put("cardstore.aws.dynamodb.create-tables", "false");
	}

	private static int replicas(List<String> arguments) {
		for (String argument : List.copyOf(arguments)) {
			if (argument.startsWith("--replicas=")) {
				arguments.remove(argument);
				return Integer.parseInt(argument.substring("--replicas=".length()));
			}
		}
		return 1;
	}

}
