package io.cardstore.session;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The session store's meters, read from what the store counts anyway: nothing here adds a
 * Redis command or a lock to a request. The reads and saves are timed by observations
 * ({@code cardstore.session.reads}, {@code cardstore.session.saves}) where the
 * application has an observation registry, as Spring Boot's actuator gives it; the
 * touches no response waits for are counted here instead.
 */
final class SessionStoreMeters implements MeterBinder {

	private final CardStoreSessionRepository repository;

	private final @Nullable SessionStoreUnavailableFilter unavailable;

	SessionStoreMeters(CardStoreSessionRepository repository, @Nullable SessionStoreUnavailableFilter unavailable) {
		this.repository = repository;
		this.unavailable = unavailable;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		SessionNearCache cache = this.repository.nearCache();
		FunctionCounter.builder("cardstore.session.near-cache.requests", cache, (c) -> c.stats().hitCount())
			.tag("result", "hit")
			.description("Sessions asked of the near cache, served from it")
			.register(registry);
		FunctionCounter.builder("cardstore.session.near-cache.requests", cache, (c) -> c.stats().missCount())
			.tag("result", "miss")
			.description("Sessions asked of the near cache, read from Redis instead")
			.register(registry);
		FunctionCounter.builder("cardstore.session.near-cache.evictions", cache, (c) -> c.stats().evictionCount())
			.description("Sessions dropped from the near cache for its size or age")
			.register(registry);
		Gauge.builder("cardstore.session.near-cache.entries", cache, SessionNearCache::entries)
			.description("Sessions in the near cache")
			.register(registry);
		Gauge.builder("cardstore.session.near-cache.size", cache, SessionNearCache::bytes)
			.baseUnit("bytes")
			.description("Memory the near cache's sessions take, roughly")
			.register(registry);
		Gauge.builder("cardstore.session.notices.live", cache, (c) -> c.isLive() ? 1 : 0)
			.description("1 while the change notices arrive (the near cache serves), 0 otherwise")
			.register(registry);
		FunctionCounter
			.builder("cardstore.session.notices.published", this.repository.notices(),
					SessionChangeNotices::publishedCount)
			.description("Change notices this replica sent to the others")
			.register(registry);
		FunctionCounter.builder("cardstore.session.notices.received", cache, SessionNearCache::noticesFromOthers)
			.tag("origin", "other")
			.description("Change notices from other replicas, each dropping a cached copy")
			.register(registry);
		FunctionCounter.builder("cardstore.session.notices.received", cache, SessionNearCache::noticesOwn)
			.tag("origin", "own")
			.description("This replica's own change notices, received back and ignored")
			.register(registry);
		FunctionCounter.builder("cardstore.session.touches", this.repository.touches(), SessionTouches::sentCount)
			.description("Last accesses written without the response waiting")
			.register(registry);
		FunctionCounter
			.builder("cardstore.session.touches.failed", this.repository.touches(), SessionTouches::failedCount)
			.description("Of those, the ones Redis did not take; the next request writes the last access again")
			.register(registry);
		if (this.unavailable != null) {
			FunctionCounter
				.builder("cardstore.session.unavailable", this.unavailable, SessionStoreUnavailableFilter::answered)
				.description("Requests answered 503 because Redis could not be reached")
				.register(registry);
		}
	}

}
