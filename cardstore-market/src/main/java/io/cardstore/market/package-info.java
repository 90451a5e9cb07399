/**
 * CardStore's domain, in plain Java, and the layout of the tables that store it.
 */
@NullMarked
package io.cardstore.market;

import org.jspecify.annotations.NullMarked;
