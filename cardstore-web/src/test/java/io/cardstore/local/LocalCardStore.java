package io.cardstore.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.cardstore.testing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.web.CardStoreApplication;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the store on this machine with every backing service started for it: containers when
 * a Docker engine answers, native servers otherwise. Started by
 * {@code ./mvnw -pl cardstore-web -am spring-boot:test-run}; with
 * {@code -Dspring-boot.run.arguments=--replicas=2} it runs two application processes behind
 * nginx (from the PATH, with the project's template), as the cluster does. Ctrl-C stops
 * everything.
 */
public final class LocalCardStore {

	private static final int PORT = 8080;

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
			LocalMailInbox.catcher = mail;
			properties.put("cardstore.session.instance-id", "local");
			properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
			SpringApplication.from(CardStoreApplication::main).with(LocalMailInbox.class).run(arguments.toArray(String[]::new));
			return;
		}
		runCluster(replicas, properties, arguments, mail);
	}

	/** Replicas as separate JVMs behind nginx; activation links are printed here as mails arrive. */
	private static void runCluster(int replicas, Map<String, String> properties, List<String> arguments,
			MailCatcher mail) throws InterruptedException {
		List<NativeProcess> processes = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int replica = 1; replica <= replicas; replica++) {
			int port = PORT + replica;
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), CardStoreApplication.class.getName(),
					"--server.port=" + port, "--cardstore.session.instance-id=local-" + replica));
			properties.forEach((name, value) -> command.add("--" + name + "=" + value));
			command.addAll(arguments);
			NativeProcess process = NativeProcess.create("local-" + replica, command,
					NativeProcess.newDirectory("local-" + replica));
			System.out.println("Starting replica local-" + replica + " on port " + port + "...");
			process.start(log -> NativeProcess.accepts(port), Duration.ofSeconds(180));
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
