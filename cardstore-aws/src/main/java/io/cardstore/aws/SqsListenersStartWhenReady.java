package io.cardstore.aws;

import io.awspring.cloud.sqs.config.AbstractMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextStartedEvent;

/**
 * Starts the SQS listener containers once the application is ready, on a thread of their own,
 * instead of during startup: a replica then reports ready without waiting for the set-up of the
 * asynchronous SQS client and the calls that look each queue up, which no HTTP request needs.
 * The listener container factories are told not to start their containers themselves, so this
 * also starts them when a stopped context starts again (as the test framework pauses and resumes
 * the contexts it caches). With {@code spring.cloud.aws.sqs.listener.auto-startup=false} they
 * stay stopped.
 */
class SqsListenersStartWhenReady implements BeanPostProcessor, ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(SqsListenersStartWhenReady.class);

	private final ObjectProvider<MessageListenerContainerRegistry> registry;

	private final boolean autoStartup;

	SqsListenersStartWhenReady(ObjectProvider<MessageListenerContainerRegistry> registry, boolean autoStartup) {
		this.registry = registry;
		this.autoStartup = autoStartup;
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
		if (!this.autoStartup || !(event instanceof ApplicationReadyEvent) && !(event instanceof ContextStartedEvent)) {
			return;
		}
		MessageListenerContainerRegistry containers = this.registry.getIfAvailable();
		if (containers == null || containers.getListenerContainers().isEmpty()) {
			return;
		}
		Thread starting = new Thread(() -> containers.getListenerContainers().forEach(this::start), "sqs-listeners-start");
		starting.setDaemon(true);
		starting.start();
	}

	private void start(MessageListenerContainer<?> container) {
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			logger.error("SQS listener container " + container.getId() + " did not start", ex);
		}
	}

}
