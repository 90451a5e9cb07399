/**
 * The account's history of purchases and sales, as a page and JSON.
 */
@NullMarked
package io.cardstore.web.history;

import org.jspecify.annotations.NullMarked;
