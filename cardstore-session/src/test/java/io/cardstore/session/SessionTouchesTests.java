package io.cardstore.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The touches no request waits for, followed on their replies alone: the bound on how
 * many are unanswered, and what a failed or refused touch does to this replica's copy.
 */
class SessionTouchesTests {

	private final SessionNearCache cache = new SessionNearCache(1 << 20, Duration.ofMinutes(1));

	private final SessionTouches touches = new SessionTouches(this.cache);

	private final StoredSession session = new StoredSession(SessionIds.next(), Instant.parse("2026-12-04T12:00:00Z"),
			Instant.parse("2026-12-04T12:05:00Z"), Duration.ofMinutes(30), Map.of(), null);

	@BeforeEach
	void subscribe() {
		// A cache serves only while the notices of the other replicas arrive.
		this.cache.new Listener().subscribed("notices", 1);
	}

	@Test
	void aTouchWrittenKeepsTheCopy() {
		this.cache.put(this.session);
		CompletableFuture<Long> saved = new CompletableFuture<>();

		assertThat(this.touches.followWithoutWaiting(this.session.id(), saved, List.of(), () -> {
		})).isTrue();
		saved.complete(1L);

		assertThat(this.cache.get(this.session.id())).isEqualTo(this.session);
		assertThat(this.touches.sentCount()).isOne();
		assertThat(this.touches.failedCount()).isZero();
	}

	@Test
	void aTouchThatFindsTheSessionGoneTakesTheCopy() {
		this.cache.put(this.session);
		CompletableFuture<Long> saved = new CompletableFuture<>();

		this.touches.followWithoutWaiting(this.session.id(), saved, List.of(), () -> {
		});
		saved.complete(0L);

		assertThat(this.cache.get(this.session.id())).isNull();
	}

	@Test
	void aTouchThatFailsTakesTheCopySoThatTheNextRequestReadsRedis() {
		this.cache.put(this.session);
		CompletableFuture<Long> saved = new CompletableFuture<>();
		CompletableFuture<Long> index = new CompletableFuture<>();

		this.touches.followWithoutWaiting(this.session.id(), saved, List.of(index), () -> {
		});
		saved.complete(1L);
		assertThat(this.cache.get(this.session.id())).as("until the index update answers too").isNotNull();
		index.completeExceptionally(new RedisConnectionException("Connection closed"));

		assertThat(this.cache.get(this.session.id())).isNull();
		assertThat(this.touches.failedCount()).isOne();
	}

	@Test
	void aTouchThatHadFailedBeforeItWasFollowedStillTakesTheCopyItWasAppliedTo() {
		CompletableFuture<Long> saved = CompletableFuture
			.failedFuture(new RedisConnectionException("Connection closed"));

		// A read cached the session since the touch was sent, and the touch is applied to
		// that copy: a copy Redis never saw that late an access for.
		this.touches.followWithoutWaiting(this.session.id(), saved, List.of(), () -> this.cache.put(this.session));

		assertThat(this.cache.get(this.session.id())).isNull();
	}

	@Test
	void beyondTheMaximumUnansweredTheRequestWaitsForItsTouchUntilOneIsAnswered() {
		List<CompletableFuture<Long>> unanswered = new ArrayList<>();
		for (int i = 0; i < SessionTouches.MAX_IN_FLIGHT; i++) {
			CompletableFuture<Long> saved = new CompletableFuture<>();
			unanswered.add(saved);
			assertThat(this.touches.followWithoutWaiting(SessionIds.next(), saved, List.of(), () -> {
			})).isTrue();
		}

		assertThat(this.touches.followWithoutWaiting(SessionIds.next(), new CompletableFuture<>(), List.of(), () -> {
		})).isFalse();

		unanswered.get(0).completeExceptionally(new RedisConnectionException("Connection closed"));
		assertThat(this.touches.followWithoutWaiting(SessionIds.next(), new CompletableFuture<>(), List.of(), () -> {
		})).as("a failed touch frees its place too").isTrue();
		assertThat(this.touches.followWithoutWaiting(SessionIds.next(), new CompletableFuture<>(), List.of(), () -> {
		})).isFalse();
	}

}
