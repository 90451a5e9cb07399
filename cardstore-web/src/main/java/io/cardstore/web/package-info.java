/**
 * The CardStore web application: its configuration, filters, languages and errors.
 */
@NullMarked
package io.cardstore.web;

import org.jspecify.annotations.NullMarked;
