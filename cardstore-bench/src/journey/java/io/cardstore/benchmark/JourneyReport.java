package io.cardstore.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journey benchmark's table: for each mode that ran, Gatling's figures for all
 * requests (from the newest report's statistics table) beside the simulation's own (Redis
 * commands, money before and after), with ratios against sessions kept in memory. Printed
 * and written to {@code target/journey-benchmark.md}.
 */
final class JourneyReport {

	private static final List<String> MODES = List.of("store", "spring-session", "in-memory");

	private static final String BASELINE = "in-memory";

	private static final Pattern CELL = Pattern.compile("class=\"value [a-z]+ col-(\\d+)\">([^<]*)<");

	private JourneyReport() {
	}

	static void main(String[] args) throws IOException {
		Path results = Path.of(System.getProperty("cardstore.benchmark.results", "target/gatling")).toAbsolutePath();
		List<Result> rows = new ArrayList<>();
		for (String mode : MODES) {
			rows.add(read(results, mode).orElseThrow(() -> new IllegalStateException(
					"No results of the mode " + mode + " in " + results + ": its run failed (see above)")));
		}
		Result baseline = rows.stream().filter(row -> row.key().equals(BASELINE)).findFirst().orElseThrow();
		StringBuilder table = new StringBuilder();
		Properties first = rows.get(0).figures();
		table.append("Measured ")
			.append(first.getProperty("machine"))
			.append(" (Gatling's JVM). Two replicas from the built jar on Java ")
			.append(first.getProperty("replicaJava"))
			.append(" behind nginx; ")
			.append(first.getProperty("users"))
			.append(" virtual users, each repeating the visit (log in, dashboard, market and its second page, "
					+ "a card put on sale, one bought, sessions, log out; 200 ms think time between steps) for ")
			.append(first.getProperty("seconds"))
			.append(" s, after the same visits without think time warmed the replicas up until their JIT compilers "
					+ "took less than %.0f%% of %d s; requests/s over the whole run; ratios against the in-memory, "
						.formatted(JitCompilation.SETTLED * 100, JourneyWarmUp.ROUND.toSeconds())
					+ "sticky row.\n\n");
		table.append("| Session store | Requests/s | × in-memory | p50 ms | p95 ms | p99 ms | × in-memory p99 | Errors "
				+ "| Redis commands/request | Replicas' share, % | Money before → after | Report |\n");
		table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
		for (Result row : rows) {
			long before = Long.parseLong(row.figures().getProperty("moneyBefore"));
			long after = Long.parseLong(row.figures().getProperty("moneyAfter"));
			table.append("| %s | %.1f | %.2f | %d | %d | %d | %.2f | %d of %d | %.2f | %s | %s | `%s` |\n"
				.formatted(row.figures().getProperty("mode"), row.requestsPerSecond(),
						row.requestsPerSecond() / baseline.requestsPerSecond(), row.p50(), row.p95(), row.p99(),
						(double) row.p99() / baseline.p99(), row.errors(), row.requests(),
						Long.parseLong(row.figures().getProperty("redisCommands")) / (double) row.requests(),
						row.figures().getProperty("split"),
						(before == after) ? "%.2f → %.2f, conserved".formatted(before / 100.0, after / 100.0)
								: "%.2f → %.2f, **NOT conserved**".formatted(before / 100.0, after / 100.0),
						row.report()));
		}
		table.append(cpuTable(rows));
		Path file = Path.of(System.getProperty("cardstore.benchmark.report", "target/journey-benchmark.md"));
		Files.writeString(file, table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written to " + file);
	}

	/**
	 * Where the machine's CPU went during the visits, per request: the processes the
	 * simulation started, by role.
	 */
	private static String cpuTable(List<Result> rows) {
		StringBuilder table = new StringBuilder("\nCPU time per request during the visits, in ms, by process "
				+ "(the operating system's count, every thread):\n\n| Session store | ")
			.append(String.join(" | ", ProcessCpu.ROLES))
			.append(" | All |\n|---|")
			.append("---:|".repeat(ProcessCpu.ROLES.size() + 1))
			.append("\n");
		for (Result row : rows) {
			table.append("| ").append(row.figures().getProperty("mode"));
			long all = 0;
			for (String role : ProcessCpu.ROLES) {
				long millis = Long.parseLong(row.figures().getProperty("cpu." + role, "0"));
				all += millis;
				table.append(" | %.1f".formatted(millis / (double) row.requests()));
			}
			table.append(" | %.1f |\n".formatted(all / (double) row.requests()));
		}
		return table.toString();
	}

	/** A mode's figures and the newest Gatling report for it, if it ran. */
	private static Optional<Result> read(Path results, String mode) throws IOException {
		Path figuresFile = results.resolve(mode + ".properties");
		Path modeResults = results.resolve(mode);
		if (!Files.exists(figuresFile) || !Files.isDirectory(modeResults)) {
			return Optional.empty();
		}
		Properties figures = new Properties();
		try (Reader in = Files.newBufferedReader(figuresFile)) {
			figures.load(in);
		}
		Path report;
		try (Stream<Path> runs = Files.list(modeResults)) {
			report = runs.map(run -> run.resolve("index.html"))
				.filter(Files::exists)
				.max(Comparator.comparing(Path::toString))
				.orElse(null);
		}
		if (report == null) {
			return Optional.empty();
		}
		// Named from the module, as the README's commands run from the repository's root.
		return Optional.of(new Result(mode, figures, allRequests(Files.readString(report)),
				results.getParent().getParent().getParent().relativize(report)));
	}

	/**
	 * The "All Requests" row of the statistics table in Gatling's report, by column: 2
	 * total, 4 KO, 8 to 11 the 50th, 75th, 95th and 99th percentile in ms (Gatling 3.15
	 * writes its statistics into the page, not into a JSON file beside it).
	 */
	static Map<Integer, String> allRequests(String html) {
		int row = html.indexOf("<tr id=\"ROOT\"");
		if (row < 0) {
			throw new IllegalStateException("No 'All Requests' row in the report");
		}
		Map<Integer, String> columns = new HashMap<>();
		Matcher cell = CELL.matcher(html.substring(row, html.indexOf("</tr>", row)));
		while (cell.find()) {
			columns.put(Integer.valueOf(cell.group(1)), cell.group(2).trim());
		}
		return columns;
	}

	/**
	 * One mode's results.
	 *
	 * @param key the mode as the build names it
	 * @param figures the simulation's own figures
	 * @param stats Gatling's statistics of all requests, by column of its report's table
	 * @param report Gatling's HTML report
	 */
	record Result(String key, Properties figures, Map<Integer, String> stats, Path report) {

		long requests() {
			return Long.parseLong(this.stats.get(2));
		}

		long errors() {
			return Long.parseLong(this.stats.get(4));
		}

		/**
		 * Over the run as the simulation timed it, from its first visit to the end of its
		 * last.
		 */
		double requestsPerSecond() {
			return requests() * 1000.0 / Long.parseLong(this.figures.getProperty("millis"));
		}

		long p50() {
			return Long.parseLong(this.stats.get(8));
		}

		long p95() {
			return Long.parseLong(this.stats.get(10));
		}

		long p99() {
			return Long.parseLong(this.stats.get(11));
		}

	}

}
