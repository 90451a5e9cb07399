/**
 * HTTP sessions in Redis behind Spring Session, shared by every replica.
 */
@NullMarked
package io.cardstore.session;

import org.jspecify.annotations.NullMarked;
