package io.cardstore.session;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The meters of CardStore's session repository ({@link SessionStoreMeters}), where the
 * application has Micrometer.
 */
@AutoConfiguration(
		after = { CardStoreSessionRepositoryAutoConfiguration.class, CardStoreSessionAutoConfiguration.class })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(CardStoreSessionRepository.class)
public final class CardStoreSessionMetricsAutoConfiguration {

	@Bean
	SessionStoreMeters sessionStoreMeters(CardStoreSessionRepository sessionRepository,
			ObjectProvider<FilterRegistrationBean<SessionStoreUnavailableFilter>> unavailable) {
		FilterRegistrationBean<SessionStoreUnavailableFilter> registration = unavailable.getIfAvailable();
		return new SessionStoreMeters(sessionRepository, (registration != null) ? registration.getFilter() : null);
	}

}
