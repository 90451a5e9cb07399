/**
 * Redis servers and clusters for tests, from containers or native servers.
 */
@NullMarked
package io.cardstore.testing.redis;

import org.jspecify.annotations.NullMarked;
