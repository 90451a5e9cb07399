package io.cardstore.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Amounts on pages, in the reader's language: {@code ${@money.format(cents)}} in a
 * template.
 */
@Component("money")
public class MoneyFormat {

	public String format(long cents) {
		return Money.format(cents, LocaleContextHolder.getLocale());
	}

}
