/**
 * Prometheus running the project's configuration, scraping replicas on this machine.
 */
@NullMarked
package io.cardstore.testing.prometheus;

import org.jspecify.annotations.NullMarked;
