package io.cardstore.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * HTTP sessions in Redis, shared by every instance of the application, whichever
 * repository keeps them ({@link CardStoreSessionRepositoryAutoConfiguration}, or Spring
 * Session's indexed one with the defaults {@link SessionDefaultsEnvironmentPostProcessor}
 * gives it): JSON values, an absolute lifetime, unreadable sessions treated as absent, a
 * record of which browser and instance created each session, {@link UserSessions} to list
 * and end a user's sessions, and a quick 503 while Redis is unreachable.
 */
@AutoConfiguration(after = SessionDataRedisAutoConfiguration.class)
@ConditionalOnClass(RedisIndexedSessionRepository.class)
@EnableConfigurationProperties(CardStoreSessionProperties.class)
public final class CardStoreSessionAutoConfiguration implements BeanClassLoaderAware {

	private ClassLoader classLoader = getClass().getClassLoader();

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceId instanceId(CardStoreSessionProperties properties) {
		return InstanceId.of(properties.instanceId());
	}

	/**
	 * The name Spring Session looks the serializer of its session values up by. Besides
	 * the types every session holds, it reads back the application's own types and those
	 * of the trusted packages, and no others.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "springSessionDefaultRedisSerializer")
	RedisSerializer<Object> springSessionDefaultRedisSerializer(BeanFactory beanFactory,
			CardStoreSessionProperties properties) {
		List<String> packages = new ArrayList<>(
				AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of());
		packages.addAll(properties.trustedPackages());
		return new SessionJsonSerializer(this.classLoader,
				packages.stream().map(name -> name.endsWith(".") ? name : name + ".").toArray(String[]::new));
	}

	@Bean
	SessionRepositoryCustomizer<RedisIndexedSessionRepository> guardedSessionMapper(
			CardStoreSessionProperties properties) {
		GuardedSessionMapper mapper = new GuardedSessionMapper(properties.absoluteLifetime(), Clock.systemUTC());
		return repository -> repository.setRedisSessionMapper(mapper);
	}

	/**
	 * The cookie carries the session id as it is: CardStore's ids are base64url already,
	 * and Spring Session's are UUIDs. Encoding them once more would only lengthen the
	 * cookie.
	 */
	@Bean
	DefaultCookieSerializerCustomizer plainSessionIdCookie() {
		return (cookieSerializer) -> cookieSerializer.setUseBase64Encoding(false);
	}

	/**
	 * Lettuce waits up to 30 seconds between attempts to reconnect, so service would come
	 * back that long after Redis does; at most a second here.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources.reconnectDelay(
				() -> Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	/**
	 * Lettuce would otherwise queue commands while Redis is away and answer them late.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileRedisIsDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FindByIndexNameSessionRepository.class)
	UserSessions userSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		return new UserSessions(sessions);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<SessionMetadataFilter> sessionMetadataFilter(InstanceId instanceId) {
		FilterRegistrationBean<SessionMetadataFilter> registration = new FilterRegistrationBean<>(
				new SessionMetadataFilter(instanceId));
		// Right inside Spring Session's filter, so every later filter sees the recording
		// request.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<SessionCookieLimitFilter> sessionCookieLimitFilter(Environment environment) {
		FilterRegistrationBean<SessionCookieLimitFilter> registration = new FilterRegistrationBean<>(
				new SessionCookieLimitFilter(environment.getProperty("server.servlet.session.cookie.name", "SESSION")));
		// Before Spring Session's filter, which reads the cookies.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
		return registration;
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<SessionStoreUnavailableFilter> sessionStoreUnavailableFilter() {
		FilterRegistrationBean<SessionStoreUnavailableFilter> registration = new FilterRegistrationBean<>(
				new SessionStoreUnavailableFilter());
		// Around Spring Session's filter, which is where a Redis outage surfaces.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	/**
	 * Always there, and told at startup whether to check: an application built ahead of
	 * time (Spring AOT) keeps the beans its build saw, so a setting read by a condition
	 * would be ignored.
	 */
	@Bean
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisStartupCheck redisStartupCheck(RedisConnectionFactory connectionFactory,
			DataRedisConnectionDetails connectionDetails, CardStoreSessionProperties properties) {
		return new RedisStartupCheck(connectionFactory, connectionDetails, properties.verifyRedisOnStartup());
	}

}
