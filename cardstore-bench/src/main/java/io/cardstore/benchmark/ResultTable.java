package io.cardstore.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The benchmark's results as a Markdown table, with ratios against the baseline mode's
 * runs alongside each row's.
 */
final class ResultTable {

	private static final String NONE = "—";

	private final List<Row> rows;

	private final String baselineMode;

	ResultTable(List<Row> rows, String baselineMode) {
		this.rows = List.copyOf(rows);
		this.baselineMode = baselineMode;
	}

	String markdown() {
		StringBuilder table = new StringBuilder();
		table.append(
				"| Mode | Load | Requests/s | p50 ms | p99 ms | Errors (all turns) | Redis commands/request | Session bytes "
						+ "| Replicas' CPU ms/request | All CPU ms/request | Throughput vs " + this.baselineMode
						+ " | p99 vs " + this.baselineMode + " | Paced: requests/s | Paced: p99 ms | Paced: p99 vs "
						+ this.baselineMode + " |\n");
		table.append(
				"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Row row : this.rows) {
			table.append("| ").append(String.join(" | ", cells(row))).append(" |\n");
		}
		return table.toString();
	}

	private List<String> cells(Row row) {
		Measurement measured = row.measurement();
		if (measured == null) {
			String error = (row.error() != null) ? cell(row.error()) : NONE;
			return List.of(row.mode(), row.load(), NONE, NONE, NONE, error, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
					NONE, NONE);
		}
		Wrk.Result wrk = measured.wrk();
		Optional<Ratios> ratios = Optional.ofNullable(row.ratios());
		Optional<Wrk.Result> paced = Optional.ofNullable(row.paced()).map(Measurement::wrk);
		return List.of(row.mode(), row.load(), format("%.0f", wrk.requestsPerSecond()), format("%.2f", wrk.p50Millis()),
				format("%.2f", wrk.p99Millis()), row.errors().cell(),
				format("%.2f", measured.redisCommandsPerRequest()), row.sessionBytes(),
				format("%.2f", measured.replicaCpuMillisPerRequest()), format("%.2f", measured.cpuMillisPerRequest()),
				ratios.map(ratio -> format("%.2fx", ratio.throughput())).orElse(NONE),
				ratios.map(ratio -> format("%.2fx", ratio.p99())).orElse(NONE),
				paced.map(turn -> format("%.0f", turn.requestsPerSecond())).orElse(NONE),
				paced.map(turn -> format("%.2f", turn.p99Millis())).orElse(NONE),
				ratios.map(ratio -> format("%.2fx", ratio.pacedP99())).orElse(NONE));
	}

	/** Text in a cell: one line, no column separator. */
	private static String cell(String text) {
		return text.replaceAll("\\s+", " ").replace("|", "\\|").trim();
	}

	private static String format(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

	/**
	 * One load measured in one mode.
	 *
	 * @param wrk what wrk reported
	 * @param redisCommandsPerRequest the commands Redis ran during the run, per request
	 * wrk made
	 * @param replicaCpuMillisPerRequest the CPU time both replicas used during the run,
	 * per request
	 * @param cpuMillisPerRequest the CPU time every process of the benchmark used during
	 * the run (replicas, Redis, nginx, emulators, wrk), per request
	 */
	record Measurement(Wrk.Result wrk, double redisCommandsPerRequest, double replicaCpuMillisPerRequest,
			double cpuMillisPerRequest) {

		static Measurement of(Wrk.Result wrk, long redisCommands, ProcessCpu cpu) {
			double requests = Math.max(1, wrk.requests());
			return new Measurement(wrk, redisCommands / requests,
					cpu.of(ProcessCpu.REPLICAS).toNanos() / 1e6 / requests, cpu.total().toNanos() / 1e6 / requests);
		}

	}

	/**
	 * A mode against the baseline: each of the mode's turns against the baseline's turn
	 * run just before it, the median of those ratios. Pairs run seconds apart, so what
	 * the machine does over minutes weighs on both sides of each ratio alike.
	 *
	 * @param throughput requests per second at full speed
	 * @param p99 the 99th percentile at full speed
	 * @param pacedP99 the 99th percentile of the paced turns
	 */
	record Ratios(double throughput, double p99, double pacedP99) {

		static Ratios of(List<Measurement> turns, List<Measurement> alongside, List<Measurement> paced,
				List<Measurement> pacedAlongside) {
			return new Ratios(median(turns, alongside, Wrk.Result::requestsPerSecond),
					median(turns, alongside, Wrk.Result::p99Millis),
					median(paced, pacedAlongside, Wrk.Result::p99Millis));
		}

		private static double median(List<Measurement> turns, List<Measurement> alongside,
				ToDoubleFunction<Wrk.Result> by) {
			double[] ratios = IntStream.range(0, turns.size())
				.mapToDouble(
						turn -> by.applyAsDouble(turns.get(turn).wrk()) / by.applyAsDouble(alongside.get(turn).wrk()))
				.sorted()
				.toArray();
			return ratios[ratios.length / 2];
		}

	}

	/**
	 * A line of the table: a measurement, or the error that prevented it.
	 *
	 * @param mode the session store
	 * @param load what was requested
	 * @param measurement the numbers; {@code null} when the load or the mode failed
	 * @param ratios against the baseline's turns alongside; {@code null} for the
	 * baseline's own rows
	 * @param paced the numbers of the paced turns; {@code null} when the load failed
	 * @param errors the errors of all the row's turns, at full speed and paced
	 * @param sessionBytes the memory of the user's session in Redis after the loads, or
	 * {@code n/a}
	 * @param error why there are no numbers; {@code null} when there are
	 */
	record Row(String mode, String load, @Nullable Measurement measurement, @Nullable Ratios ratios,
			@Nullable Measurement paced, Errors errors, @Nullable String sessionBytes, @Nullable String error) {

		static Row failed(String mode, String load, String error) {
			return new Row(mode, load, null, null, null, new Errors(0, 0), null, error);
		}

		Row withSessionBytes(String bytes) {
			return new Row(this.mode, this.load, this.measurement, this.ratios, this.paced, this.errors, bytes,
					this.error);
		}

	}

	/**
	 * Responses that were not a success, summed over turns: a table row shows one turn's
	 * numbers, but an error in any turn counts.
	 *
	 * @param status responses with a status other than 2xx or 3xx
	 * @param socket connect, read and write errors and timeouts
	 */
	record Errors(long status, long socket) {

		@SafeVarargs
		static Errors of(List<Measurement>... turns) {
			List<Wrk.Result> results = Stream.of(turns).flatMap(List::stream).map(Measurement::wrk).toList();
			return new Errors(results.stream().mapToLong(Wrk.Result::non2xx3xx).sum(),
					results.stream().mapToLong(Wrk.Result::socketErrors).sum());
		}

		String cell() {
			return (this.status + this.socket == 0) ? "0"
					: (this.status + this.socket) + " (" + this.status + " status, " + this.socket + " socket)";
		}

	}

}
