/**
 * The page of a user's sessions on every replica, to see and end them.
 */
@NullMarked
package io.cardstore.web.sessions;

import org.jspecify.annotations.NullMarked;
