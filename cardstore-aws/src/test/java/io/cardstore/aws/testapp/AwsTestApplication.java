package io.cardstore.aws.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Nothing but CardStore's AWS auto-configuration, for the integration tests. It lives in
 * a package of its own so that its component scan does not pick up the
 * auto-configuration's nested configuration classes, as an application's would not.
 */
@SpringBootApplication
public class AwsTestApplication {

}
