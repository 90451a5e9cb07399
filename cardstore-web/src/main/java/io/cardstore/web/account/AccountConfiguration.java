package io.cardstore.web.account;

import io.cardstore.web.login.CounterKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The beans of the account pages: registration, activation, password reset and the
 * account page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailRequestLimits.Settings.class)
class AccountConfiguration {

	@Bean
	MailRequestLimits mailRequestLimits(StringRedisTemplate redis, MailRequestLimits.Settings settings,
			CounterKeys keys) {
		return new MailRequestLimits(redis, settings, keys);
	}

}
