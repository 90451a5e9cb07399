/**
 * Backing services for tests and local runs: from containers, or native servers.
 */
@NullMarked
package io.cardstore.testing;

import org.jspecify.annotations.NullMarked;
