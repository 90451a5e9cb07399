package io.cardstore.web;

import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only the store's own meters go to CloudWatch, where each metric is paid for by the
 * month: the JVM's and the server's stay on the management port for whatever scrapes it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(CloudWatchMeterRegistry.class)
class CloudWatchMeters {

	@Bean
	MeterRegistryCustomizer<CloudWatchMeterRegistry> storeMetersOnly() {
		return (registry) -> registry.config()
			.meterFilter(MeterFilter.denyUnless((id) -> id.getName().startsWith("cardstore.")));
	}

}
