package io.cardstore.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.redis.SharedRedisInitializer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole store through MockMvc (or on a random port), against the shared Redis, AWS
 * emulators and mail catcher, with {@link TestAccounts} to open accounts. Test classes
 * with this annotation alone share one application context; login throttling waits a
 * short second after three failures, so that its tests stay quick.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "cardstore.session.instance-id=web-test", "cardstore.login.max-failures=3",
		"cardstore.login.first-delay=1s" })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = { SharedRedisInitializer.class, SharedAwsInitializer.class })
@Import(TestAccounts.class)
public @interface CardStoreIntegrationTest {

	/** A mock servlet environment (MockMvc), or a real server on a random port. */
	@AliasFor(annotation = SpringBootTest.class)
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

}
