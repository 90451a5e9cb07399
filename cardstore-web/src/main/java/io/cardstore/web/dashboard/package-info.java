/**
 * The dashboard page.
 */
@NullMarked
package io.cardstore.web.dashboard;

import org.jspecify.annotations.NullMarked;
