/**
 * The user's cards, as pages and JSON: listing, adding and putting on sale.
 */
@NullMarked
package io.cardstore.web.card;

import org.jspecify.annotations.NullMarked;
