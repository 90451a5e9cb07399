/**
 * nginx running the project's template in front of replicas on this machine.
 */
@NullMarked
package io.cardstore.testing.nginx;

import org.jspecify.annotations.NullMarked;
