package io.cardstore.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.cardstore.testing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.ProjectFiles;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.web.CardStoreApplication;
import io.cardstore.web.cluster.PackagedApplication;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the store on this machine with every backing service started for it: containers when
 * a Docker engine answers, native servers otherwise. Started by
 * {@code ./mvnw -pl cardstore-web -am spring-boot:test-run}; with
 * {@code -Dspring-boot.run.arguments=--replicas=2} it runs two application processes behind
 * nginx (from the PATH, with the project's template), as the cluster does: started as the image
 * starts them when the jar was packaged in the same build ({@link PackagedApplication}). Ctrl-C
 * stops everything.
 */
public final class LocalCardStore {

	private static final int PORT = 8080;

	private static final int MANAGEMENT_PORT = 9080;

	/** Written anew by every build (the build's time and commit), or for the build alone (property metadata). */
	private static final Set<String> NOT_COMPARED = Set.of("git.properties", "META-INF/build-info.properties",
			"META-INF/spring-configuration-metadata.json");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private static final Pattern LINK = Pattern.compile("http://\\S+/(activate|password/reset)\\?\\S+");

	private LocalCardStore() {
	}

	public static void main(String[] args) throws InterruptedException {
		List<String> arguments = new ArrayList<>(List.of(args));
		int replicas = replicas(arguments);
		System.out.println(BackingServices.describeStart());
		BackingServices services = BackingServices.start(RedisOptions.defaults().withAppendOnly());
		Runtime.getRuntime().addShutdownHook(new Thread(services::close, "local-backing-services-stop"));
		Map<String, String> properties = services.connectionProperties();
		MailCatcher mail = services.mail();

		if (replicas <= 1) {
			properties.put("cardstore.session.instance-id", "local");
			properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
			SpringApplication application = new SpringApplication(CardStoreApplication.class, LocalMailInbox.class);
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
		runCluster(replicas, properties, arguments, mail);
	}

	/** Replicas as separate JVMs behind nginx; activation links are printed here as mails arrive. */
	private static void runCluster(int replicas, Map<String, String> properties, List<String> arguments,
			MailCatcher mail) throws InterruptedException {
		List<NativeProcess> processes = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		List<String> application = application();
		for (int replica = 1; replica <= replicas; replica++) {
			int port = PORT + replica;
			// Each replica's operations endpoints on a port of its own, which nginx does not route.
			int managementPort = MANAGEMENT_PORT + replica;
			List<String> command = new ArrayList<>(application);
			command.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort,
					"--cardstore.session.instance-id=local-" + replica));
			properties.forEach((name, value) -> command.add("--" + name + "=" + value));
			command.addAll(arguments);
			NativeProcess process = NativeProcess.create("local-" + replica, command,
					NativeProcess.newDirectory("local-" + replica));
			System.out.println("Starting replica local-" + replica + " on port " + port + " (operations on "
					+ managementPort + ")...");
			long started = System.nanoTime();
			process.start(log -> isReady(managementPort), Duration.ofSeconds(180));
			System.out.println("  ready in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
			processes.add(process);
			addresses.add("127.0.0.1:" + port);
		}
		NginxServer nginx = NginxServer.start(addresses, PORT);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			nginx.close();
			processes.forEach(NativeProcess::stop);
		}, "local-cluster-stop"));

		System.out.println();
		System.out.println("CardStore is running at " + nginx.url() + " (nginx in front of " + replicas + " replicas)");
		processes.forEach(process -> System.out.println("  log of a replica: " + process.directory()));
		System.out.println("Every response names its replica in the X-Served-By header; links from mail appear below.");
		System.out.println("Ctrl-C stops the store and its backing services.");
		System.out.println();
		int printed = 0;
		while (true) {
			List<MimeMessage> messages = mail.messages();
			for (; printed < messages.size(); printed++) {
				Matcher link = LINK.matcher(GreenMailUtil.getBody(messages.get(printed)));
				System.out.println("Mail with a link: " + (link.find() ? link.group() : "(no link)"));
			}
			Thread.sleep(1000);
		}
	}

	/**
	 * How a replica starts: as the image starts it (the extracted jar, on JDK 25 with the AOT cache
	 * where there is one) when the package phase has built the jar from the classes compiled now;
	 * otherwise from the classes, on this JVM.
	 */
	private static List<String> application() {
		Path jar = Path.of(System.getProperty("cardstore.jar", "target/cardstore-web.jar"));
		if (isCurrent(jar)) {
			return PackagedApplication.prepare().command(List.of());
		}
		System.out.println("No jar built from the current classes (" + jar + "): the replicas run from the classes on "
				+ "this JVM, without the AOT cache. Add 'package' before 'spring-boot:test-run' to run them as the image does.");
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), CardStoreApplication.class.getName());
	}

	/**
	 * Whether the jar holds the classes and resources compiled now, of this module and of the two it
	 * packs as jars. Compared by content: a build writes files anew even when they did not change.
	 */
	private static boolean isCurrent(Path jar) {
		if (!Files.isRegularFile(jar)) {
			return false;
		}
		try (ZipFile application = new ZipFile(jar.toFile())) {
			if (!holds(ProjectFiles.find("cardstore-web/target/classes"), path -> read(application, "BOOT-INF/classes/" + path))) {
				return false;
			}
			for (String module : List.of("cardstore-session", "cardstore-aws")) {
				ZipEntry packed = application.stream()
					.filter(entry -> entry.getName().startsWith("BOOT-INF/lib/" + module + "-"))
					.findFirst()
					.orElse(null);
				if (packed == null) {
					return false;
				}
				Map<String, byte[]> content = new HashMap<>();
				try (ZipInputStream entries = new ZipInputStream(application.getInputStream(packed))) {
					for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
						content.put(entry.getName(), entries.readAllBytes());
					}
				}
				if (!holds(ProjectFiles.find(module + "/target/classes"), content::get)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	/** Whether every compiled file but those {@link #NOT_COMPARED} has the content of the packed one. */
	private static boolean holds(Path classes, Function<String, byte[]> packed) throws IOException {
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String path = classes.relativize(file).toString().replace('\\', '/');
				if (NOT_COMPARED.contains(path)) {
					continue;
				}
				if (!Arrays.equals(Files.readAllBytes(file), packed.apply(path))) {
					return false;
				}
			}
			return true;
		}
	}

	private static byte[] read(ZipFile zip, String name) {
		ZipEntry entry = zip.getEntry(name);
		if (entry == null) {
			return null;
		}
		try (InputStream in = zip.getInputStream(entry)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isReady(int managementPort) {
		try {
			HttpResponse<Void> readiness = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.discarding());
			return readiness.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
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
