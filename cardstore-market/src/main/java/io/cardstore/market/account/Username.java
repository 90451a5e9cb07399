package io.cardstore.market.account;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A user name, as the store accepts one: 3 to {@value #MAX_LENGTH} characters, lowercase
 * letters, digits, '-' or '_', starting with a letter or digit. A name that is not so
 * names no account, and is refused before any table, counter or hash is touched.
 *
 * @param value the name
 */
public record Username(String value) {

	/** The longest user name. */
	public static final int MAX_LENGTH = 30;

	/** The rule as a regular expression, for the registration form's validation. */
	public static final String SYNTAX = "[a-z0-9][a-z0-9_-]{2," + (MAX_LENGTH - 1) + "}";

	private static final Pattern PATTERN = Pattern.compile(SYNTAX);

	public Username {
		if (!isWellFormed(value)) {
			throw new IllegalArgumentException("Not a user name: 3 to " + MAX_LENGTH
					+ " lowercase letters, digits, '-' or '_', starting with a letter or digit");
		}
	}

	/** Whether this can be a user name at all. */
	public static boolean isWellFormed(@Nullable String candidate) {
		return candidate != null && candidate.length() <= MAX_LENGTH && PATTERN.matcher(candidate).matches();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
