package io.cardstore.testing.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cardstore.testing.ProjectFiles;

/**
 * The project's {@code observability/prometheus.yml} as a test runs it: the same jobs and
 * queries, other targets, a shorter interval.
 */
final class PrometheusConfiguration {

	static final String PATH = "observability/prometheus.yml";

	private static final Pattern TARGETS = Pattern.compile("targets: \\[[^\\]]*\\]");

	private static final Pattern INTERVAL = Pattern.compile("(scrape_interval|evaluation_interval): \\S+");

	private PrometheusConfiguration() {
	}

	/**
	 * The project's configuration, scraping these targets ({@code host:port}) every
	 * second.
	 */
	static String scraping(List<String> targets) {
		String text;
		try {
			text = Files.readString(ProjectFiles.find(PATH));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!TARGETS.matcher(text).find()) {
			throw new IllegalStateException(PATH + " has no line 'targets: [...]' to point at the test's replicas");
		}
		String quoted = targets.stream().map((target) -> "\"" + target + "\"").collect(Collectors.joining(", "));
		String scraping = TARGETS.matcher(text).replaceAll(Matcher.quoteReplacement("targets: [" + quoted + "]"));
		return INTERVAL.matcher(scraping).replaceAll("$1: 1s");
	}

}
