package io.cardstore.session;

import java.util.ArrayList;

import io.cardstore.trusted.Coupon;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the session auto-configuration adds around the repository, and where it backs off.
 */
class CardStoreSessionAutoConfigurationTests {

	private final WebApplicationContextRunner web = CardStoreSessionRepositoryAutoConfigurationTests.webApplication();

	@Test
	void aServletApplicationGetsTheFiltersTheInstanceIdAndUserSessions() {
		this.web.withPropertyValues("cardstore.session.instance-id=web-7").run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(UserSessions.class);
			assertThat(context.getBean(InstanceId.class)).hasToString("web-7");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.<Class<?>>extracting(registration -> registration.getFilter().getClass())
				.contains(SessionMetadataFilter.class, SessionCookieLimitFilter.class,
						SessionStoreUnavailableFilter.class);
		});
	}

	@Test
	void withoutAServletApplicationThereAreNoFilters() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, CardStoreSessionAutoConfiguration.class))
			.withPropertyValues("cardstore.session.verify-redis-on-startup=false", "spring.data.redis.port=1")
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(UserSessions.class)
				.hasSingleBean(InstanceId.class));
	}

	@Test
	void anApplicationsOwnSerializerWins() {
		this.web.withUserConfiguration(OwnSerializer.class)
			.run(context -> assertThat(context.getBean("springSessionDefaultRedisSerializer"))
				.isInstanceOf(JdkSerializationRedisSerializer.class));
	}

	@Test
	void theSerializerReadsBackTheApplicationsOwnTypes() {
		this.web.withUserConfiguration(ApplicationPackage.class).run(context -> {
			RedisSerializer<Object> serializer = serializer(context);
			Basket basket = new Basket();
			basket.add("Ace");
			assertThat(serializer.deserialize(serializer.serialize(basket))).isEqualTo(basket);
			assertThat(serializer.deserialize(serializer.serialize(new Coupon("SPRING"))))
				.as("a type of no trusted package is refused when read")
				.isSameAs(SessionJsonSerializer.UNREADABLE);
		});
	}

	@Test
	void theSerializerReadsBackTypesOfTrustedPackages() {
		this.web.withUserConfiguration(ApplicationPackage.class)
			.withPropertyValues("cardstore.session.trusted-packages=io.cardstore.trusted")
			.run(context -> {
				RedisSerializer<Object> serializer = serializer(context);
				assertThat(serializer.deserialize(serializer.serialize(new Coupon("SPRING"))))
					.isEqualTo(new Coupon("SPRING"));
			});
	}

	/**
	 * Switched off by a setting read at startup, not by a condition: an application built
	 * ahead of time (Spring AOT) has the check whatever its settings, and must still
	 * start without Redis.
	 */
	@Test
	void theStartupCheckIsThereButSkippedWhenSwitchedOff() {
		this.web.run(context -> assertThat(context).hasNotFailed().hasSingleBean(RedisStartupCheck.class));
	}

	@SuppressWarnings("unchecked")
	private static RedisSerializer<Object> serializer(ApplicationContext context) {
		return (RedisSerializer<Object>) context.getBean("springSessionDefaultRedisSerializer");
	}

	/** A value an application keeps in its session (not final: stored with its type). */
	static class Basket extends ArrayList<String> {

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class ApplicationPackage {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSerializer {

		@Bean
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			return RedisSerializer.java();
		}

	}

}
