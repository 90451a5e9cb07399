package io.cardstore.aws;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the SQS listeners run: up when they all do, down with each one's last failure
 * while one is being tried again, unknown while they start, before the application is
 * ready, once it stopped, or when they are kept stopped. A component of
 * {@code /actuator/health}, deliberately not of readiness: SQS failing fails it on every
 * replica at once, and taking them all out of the load balancer would turn late mail into
 * an outage of the whole store. An alarm on this component, or on the queue's age, tells
 * the operator.
 */
class SqsListenersHealthIndicator implements HealthIndicator {

	private final SqsListenersStartWhenReady listeners;

	SqsListenersHealthIndicator(SqsListenersStartWhenReady listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		if (!this.listeners.autoStartup()) {
			return Health.unknown().withDetail("auto-startup", false).build();
		}
		if (!this.listeners.started()) {
			return Health.unknown().withDetail("started", false).build();
		}
		Map<String, String> notRunning = this.listeners.notRunning();
		if (notRunning.isEmpty()) {
			return Health.up().build();
		}
		Health.Builder health = notRunning.values().stream().allMatch(SqsListenersStartWhenReady.STARTING::equals)
				? Health.unknown() : Health.down();
		return health.withDetail("notRunning", notRunning).build();
	}

}
