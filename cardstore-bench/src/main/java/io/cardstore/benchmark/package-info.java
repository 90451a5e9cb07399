/**
 * The session and startup benchmarks, run against replicas from the built jar.
 */
@NullMarked
package io.cardstore.benchmark;

import org.jspecify.annotations.NullMarked;
