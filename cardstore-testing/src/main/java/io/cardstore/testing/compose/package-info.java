/**
 * Docker Compose on the project's docker-compose.yml.
 */
@NullMarked
package io.cardstore.testing.compose;

import org.jspecify.annotations.NullMarked;
