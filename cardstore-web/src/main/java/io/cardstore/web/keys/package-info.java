/**
 * Keys that every replica shares through Redis.
 */
@NullMarked
package io.cardstore.web.keys;

import org.jspecify.annotations.NullMarked;
