package io.cardstore.session;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/**
 * CardStore's own session repository ({@link CardStoreSessionRepository}) behind Spring
 * Session's filter, on the Lettuce client Spring Boot configures. Runs before Spring
 * Boot's Redis session auto-configuration, which then backs off;
 * {@code cardstore.session.repository=spring-session} gives that one back.
 */
@AutoConfiguration(before = SessionDataRedisAutoConfiguration.class, after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ LettuceConnectionFactory.class, Caffeine.class, SessionRepository.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "cardstore.session.repository", havingValue = "cardstore", matchIfMissing = true)
@ConditionalOnBean(LettuceConnectionFactory.class)
@ConditionalOnMissingBean(SessionRepository.class)
@EnableConfigurationProperties(CardStoreSessionProperties.class)
@Import(SpringHttpSessionConfiguration.class)
public final class CardStoreSessionRepositoryAutoConfiguration {

	@Bean
	RedisSessionConnections redisSessionConnections(LettuceConnectionFactory connectionFactory) {
		return new RedisSessionConnections(connectionFactory);
	}

	@Bean
	CardStoreSessionRepository sessionRepository(RedisSessionConnections connections,
			@Qualifier("springSessionDefaultRedisSerializer") RedisSerializer<Object> values,
			CardStoreSessionProperties properties, ObjectProvider<SessionTimeout> sessionTimeout,
			ObjectProvider<ObservationRegistry> observations) {
		Duration idleTimeout = sessionTimeout.getIfAvailable(() -> () -> Duration.ofMinutes(30)).getTimeout();
		SessionStoreSettings settings = new SessionStoreSettings(properties.namespace(),
				(idleTimeout != null) ? idleTimeout : Duration.ofMinutes(30), properties.absoluteLifetime(),
				properties.touchInterval());
		SessionNearCache cache = new SessionNearCache(properties.nearCache().maxMemory().toBytes(),
				properties.nearCache().maxAge());
		return new CardStoreSessionRepository(connections, new SessionAttributeCodec(values), cache, settings,
				Clock.systemUTC(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/**
	 * Applied by Spring Boot to the observation registry, and so to the observations its
	 * Lettuce client makes when the application has tracing or metrics.
	 */
	@Bean
	SessionCommandObservationPredicate sessionCommandObservationPredicate(CardStoreSessionProperties properties) {
		return new SessionCommandObservationPredicate(new SessionKeys(properties.namespace()));
	}

	@Bean
	NoticeHeartbeat sessionNoticeHeartbeat(CardStoreSessionRepository sessionRepository,
			CardStoreSessionProperties properties) {
		return new NoticeHeartbeat(sessionRepository.notices(), properties.nearCache().heartbeat());
	}

}
