package io.cardstore.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the check of the change notices ({@link SessionChangeNotices#check()}) every
 * interval on a thread of its own: a silent notice connection is found within three
 * intervals. Costs one PING per interval and replica, whatever the traffic.
 */
final class NoticeHeartbeat implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(NoticeHeartbeat.class);

	private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "session-notices-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	NoticeHeartbeat(SessionChangeNotices notices, Duration interval) {
		this.beats.scheduleWithFixedDelay(() -> {
			try {
				notices.check();
			}
			catch (RuntimeException ex) {
				logger.debug("Session notices heartbeat failed: " + ex.getMessage());
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.beats.shutdownNow();
	}

}
