/**
 * A real headless Chromium for the browser tests.
 */
@NullMarked
package io.cardstore.testing.browser;

import org.jspecify.annotations.NullMarked;
