package io.cardstore.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.awspring.cloud.sqs.config.AbstractMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextStartedEvent;
import org.springframework.context.event.ContextStoppedEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Starts the SQS listener containers once the application is ready, on a thread of their
 * own, instead of during startup: a replica then reports ready without waiting for the
 * set-up of the asynchronous SQS client and the calls that look each queue up, which no
 * HTTP request needs. A container that cannot start (SQS or IAM unreachable for a moment,
 * a queue not created yet) is tried again, after 1 s and then twice as long each time up
 * to every 30 s, until it runs: a replica started during a hiccup still sends its mail
 * once the hiccup is over. Once running, a container rides out later failures itself,
 * polling again with a back-off of its own. {@link #notRunning()} tells which containers
 * do not run and why, for the health endpoint.
 * <p>
 * The listener container factories are told not to start their containers themselves, so
 * this also starts them when a stopped context starts again (as the test framework pauses
 * and resumes the contexts it caches). With
 * {@code spring.cloud.aws.sqs.listener.auto-startup=false} they stay stopped.
 */
class SqsListenersStartWhenReady implements BeanPostProcessor, ApplicationListener<ApplicationEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SqsListenersStartWhenReady.class);

	static final String STARTING = "starting";

	private final ObjectProvider<MessageListenerContainerRegistry> registry;

	private final boolean autoStartup;

	private final ExponentialBackOff backOff;

	private final Map<String, String> notRunning = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService starter;

	/**
	 * Whether the containers should run: not before the application is ready, nor once it
	 * stops.
	 */
	private volatile boolean wanted;

	SqsListenersStartWhenReady(ObjectProvider<MessageListenerContainerRegistry> registry, boolean autoStartup) {
		this.registry = registry;
		this.autoStartup = autoStartup;
		this.backOff = new ExponentialBackOff(1000, 2);
		this.backOff.setMaxInterval(30_000);
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractMessageListenerContainerFactory<?, ?, ?, ?> factory) {
			factory.configure(options -> options.autoStartup(false));
		}
		return bean;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		// A pause is a stop, a restart a start.
		if (event instanceof ContextStoppedEvent || event instanceof ContextClosedEvent) {
			this.wanted = false;
			stopTrying();
			return;
		}
		if (!this.autoStartup || !(event instanceof ApplicationReadyEvent) && !(event instanceof ContextStartedEvent)) {
			return;
		}
		this.wanted = true;
		MessageListenerContainerRegistry containers = this.registry.getIfAvailable();
		if (containers == null || containers.getListenerContainers().isEmpty()) {
			return;
		}
		ScheduledExecutorService starter = startTrying();
		for (MessageListenerContainer<?> container : containers.getListenerContainers()) {
			this.notRunning.put(name(container), STARTING);
			BackOffExecution waits = this.backOff.start();
			starter.execute(() -> start(container, waits, starter));
		}
	}

	/**
	 * The containers that do not run, each with why: {@value #STARTING}, or the last
	 * failure.
	 */
	Map<String, String> notRunning() {
		return Map.copyOf(this.notRunning);
	}

	boolean autoStartup() {
		return this.autoStartup;
	}

	/**
	 * Whether the containers were asked to start (the application is ready) and not
	 * stopped since.
	 */
	boolean started() {
		return this.wanted;
	}

	private void start(MessageListenerContainer<?> container, BackOffExecution waits,
			ScheduledExecutorService starter) {
		if (!this.wanted || starter.isShutdown()) {
			return;
		}
		try {
			container.start();
			if (!this.wanted || starter.isShutdown()) {
				// The context stopped while this attempt ran: its own stop has passed
				// this container by.
				stopQuietly(container);
				return;
			}
			if (!STARTING.equals(this.notRunning.remove(name(container)))) {
				logger.info("SQS listener container " + name(container) + " runs now");
			}
		}
		catch (RuntimeException ex) {
			// A container whose start failed still counts itself running, and would never
			// start again.
			stopQuietly(container);
			String why = rootMessage(ex);
			this.notRunning.put(name(container), why);
			long wait = waits.nextBackOff();
			logger.warn("SQS listener container " + name(container) + " did not start (" + why + "); trying again in "
					+ wait + " ms");
			if (!starter.isShutdown()) {
				starter.schedule(() -> start(container, waits, starter), wait, TimeUnit.MILLISECONDS);
			}
		}
	}

	private synchronized ScheduledExecutorService startTrying() {
		if (this.starter == null || this.starter.isShutdown()) {
			this.starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "sqs-listeners-start");
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.starter;
	}

	private synchronized void stopTrying() {
		if (this.starter != null) {
			this.starter.shutdownNow();
		}
	}

	@Override
	public void destroy() {
		stopTrying();
	}

	private static String name(MessageListenerContainer<?> container) {
		return (container.getId() != null) ? container.getId() : container.toString();
	}

	private static void stopQuietly(MessageListenerContainer<?> container) {
		try {
			container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("SQS listener container " + name(container) + " did not stop cleanly", ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
