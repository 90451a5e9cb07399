/**
 * CardStore's AWS integrations as a Spring Boot auto-configuration.
 */
@NullMarked
package io.cardstore.aws;

import org.jspecify.annotations.NullMarked;
