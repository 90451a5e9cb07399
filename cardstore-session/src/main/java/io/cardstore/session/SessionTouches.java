package io.cardstore.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Touches no request waits for. A touch writes a session's last access alone (and with it
 * the expiry): nothing in the response depends on it, and the next write of the session
 * follows it on the same connection. At most {@value #MAX_IN_FLIGHT} are unanswered at a
 * time: should Redis slow down, requests wait for their touch again rather than pile up
 * commands in memory.
 */
final class SessionTouches {

	private static final Log logger = LogFactory.getLog(SessionTouches.class);

	static final int MAX_IN_FLIGHT = 1000;

	private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

	private final SessionNearCache cache;

	private final LongAdder sent = new LongAdder();

	private final LongAdder failed = new LongAdder();

	SessionTouches(SessionNearCache cache) {
		this.cache = cache;
	}

	/**
	 * Follows a touch sent, if fewer than the maximum are unanswered; otherwise answers
	 * false, and the caller waits for the touch itself. The replies are followed on the
	 * thread that completes them, so without a call to Redis: after a failure (logged) or
	 * when the session ended elsewhere meanwhile, this replica's copy goes, so that the
	 * next request reads Redis: it writes the last access again, or finds the session
	 * gone. An index entry the touch may have written for a session that is gone ends
	 * with its score, and a listing drops it sooner.
	 * @param saved the reply of {@link SessionScripts#SAVE}: 1 written, 0 the session is
	 * gone
	 * @param indexes the replies of the index updates sent with it
	 * @param applyToCopy applies the touch to this replica's copy; run before the replies
	 * are followed, so that a failure already in takes the copy after it, never before
	 */
	boolean followWithoutWaiting(String id, CompletionStage<Long> saved, List<CompletionStage<Long>> indexes,
			Runnable applyToCopy) {
		if (!this.inFlight.tryAcquire()) {
			return false;
		}
		this.sent.increment();
		applyToCopy.run();
		List<CompletableFuture<Long>> replies = new ArrayList<>(List.of(saved.toCompletableFuture()));
		indexes.forEach((index) -> replies.add(index.toCompletableFuture()));
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
			this.inFlight.release();
			if (failure != null || saved.toCompletableFuture().join() == 0L) {
				this.cache.invalidate(id);
			}
			if (failure != null) {
				this.failed.increment();
				logger.warn("Could not write the last access of session " + SessionIds.abbreviate(id) + ": "
						+ RedisSessionConnections.translate(failure).getMessage());
			}
		});
		return true;
	}

	/** Touches sent that no response waited for. */
	long sentCount() {
		return this.sent.sum();
	}

	/** Of those, the ones that failed. */
	long failedCount() {
		return this.failed.sum();
	}

}
