package io.cardstore.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time that a benchmark's processes on this machine have used, by what they are:
 * this JVM and wrk (the load generators) and what they started, the replicas, Redis,
 * nginx and the other backing services (the AWS emulators and the mail catcher). Read
 * from the operating system ({@link ProcessHandle.Info#totalCpuDuration()}, every thread
 * of a process), so backing services in containers are not counted.
 *
 * @param byRole CPU time by role, in the order of {@link #ROLES}
 */
record ProcessCpu(Map<String, Duration> byRole) {

	static final String REPLICAS = "Replicas";

	static final String REDIS = "Redis";

	static final String EMULATORS = "AWS emulators, mail";

	static final String NGINX = "nginx";

	static final String LOAD = "Load generator";

	static final List<String> ROLES = List.of(REPLICAS, REDIS, EMULATORS, NGINX, LOAD);

	/** What this JVM and every process it started have used so far. */
	static ProcessCpu now() {
		return now("");
	}

	/**
	 * What this JVM and every process it started have used so far, but for the replicas
	 * whose instance ids do not start with the prefix: another cluster's, idle meanwhile.
	 */
	static ProcessCpu now(String replicaIds) {
		Map<String, Duration> byRole = new LinkedHashMap<>();
		ROLES.forEach(role -> byRole.put(role, Duration.ZERO));
		ProcessHandle self = ProcessHandle.current();
		add(byRole, LOAD, self);
		self.descendants()
			.filter(process -> !isReplica(process) || isReplica(process, replicaIds))
			.forEach(process -> add(byRole, role(process), process));
		return new ProcessCpu(byRole);
	}

	/** What the processes of one role used. */
	Duration of(String role) {
		return this.byRole.getOrDefault(role, Duration.ZERO);
	}

	/** What every role used together. */
	Duration total() {
		return this.byRole.values().stream().reduce(Duration.ZERO, Duration::plus);
	}

	/** What was used between {@code earlier} and this. */
	ProcessCpu since(ProcessCpu earlier) {
		Map<String, Duration> used = new LinkedHashMap<>();
		this.byRole.forEach((role, cpu) -> used.put(role, cpu.minus(earlier.byRole.getOrDefault(role, Duration.ZERO))));
		return new ProcessCpu(used);
	}

	private static void add(Map<String, Duration> byRole, String role, ProcessHandle process) {
		process.info().totalCpuDuration().ifPresent(cpu -> byRole.merge(role, cpu, Duration::plus));
	}

	/**
	 * By its executable, except for the replicas, JVMs like the emulators that their
	 * arguments tell apart. Debian's {@code redis-server} is a link to
	 * {@code redis-check-rdb}, which the operating system names as the executable.
	 */
	private static String role(ProcessHandle process) {
		String command = process.info().command().orElse("");
		String executable = command.substring(command.lastIndexOf('/') + 1);
		if (executable.startsWith("redis-")) {
			return REDIS;
		}
		if (executable.equals("nginx")) {
			return NGINX;
		}
		if (executable.equals("wrk")) {
			return LOAD;
		}
		return isReplica(process) ? REPLICAS : EMULATORS;
	}

	private static boolean isReplica(ProcessHandle process) {
		return isReplica(process, "");
	}

	private static boolean isReplica(ProcessHandle process, String instanceIds) {
		return process.info().commandLine().orElse("").contains("--cardstore.session.instance-id=" + instanceIds);
	}

}
