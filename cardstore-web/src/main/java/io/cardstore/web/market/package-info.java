/**
 * The market of others' cards on sale and buying one, as pages and JSON.
 */
@NullMarked
package io.cardstore.web.market;

import org.jspecify.annotations.NullMarked;
