package io.cardstore.testing.aws;

import java.util.HashMap;
import java.util.Map;

import io.cardstore.testing.mail.MailCatcher;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring application at the shared AWS services and the shared mail catcher:
 * {@code @ContextConfiguration(initializers = SharedAwsInitializer.class)}.
 */
public class SharedAwsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> properties = new HashMap<>(AwsEmulators.shared().connectionProperties());
		properties.putAll(MailCatcher.shared().connectionProperties());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sharedAws", properties));
	}

}
