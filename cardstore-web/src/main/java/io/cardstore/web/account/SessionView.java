package io.cardstore.web.account;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.cardstore.session.UserSession;

/**
 * One row of the sessions page, as a person reads it.
 *
 * @param handle the session's handle, to end it (never its id)
 * @param browser the browser and system, such as "Firefox on Linux"
 * @param address the address the browser connected from, IPv6 in its short form ({@code ::1})
 * @param started when the session started
 * @param lastUsed when a request last used it
 * @param instance the replica that started it
 * @param current whether it is the session of this very page
 */
record SessionView(String handle, String browser, String address, Moment started, Moment lastUsed, String instance,
		boolean current) {

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
	private static final List<String[]> BROWSERS = List.of(new String[] { "Edg/", "Edge" },
			new String[] { "OPR/", "Opera" }, new String[] { "Firefox/", "Firefox" },
			new String[] { "Chrome/", "Chrome" }, new String[] { "Safari/", "Safari" });

	private static final List<String[]> SYSTEMS = List.of(new String[] { "Android", "Android" },
			new String[] { "iPhone", "iOS" }, new String[] { "iPad", "iPadOS" }, new String[] { "Windows", "Windows" },
			new String[] { "Mac OS X", "macOS" }, new String[] { "CrOS", "ChromeOS" }, new String[] { "Linux", "Linux" });

	static SessionView of(UserSession session, String currentHandle, Instant now) {
		return new SessionView(session.handle(), browser(session.userAgent()), address(session.remoteAddress()),
				Moment.of(session.createdAt(), now), Moment.of(session.lastAccessedAt(), now), session.createdBy(),
				session.handle().equals(currentHandle));
	}

	/**
	 * An IPv6 address as people write it (RFC 5952: the longest run of zero groups as {@code ::}),
	 * where the servlet container gives every group ({@code 0:0:0:0:0:0:0:1}); others as given.
	 */
	static String address(String address) {
		if (address == null || address.indexOf(':') < 0 || address.contains("::")) {
			return address;
		}
		String[] groups = address.split(":");
		int bestStart = -1;
		int bestLength = 1;
		for (int start = 0; start < groups.length; start++) {
			int length = 0;
			while (start + length < groups.length && groups[start + length].equals("0")) {
				length++;
			}
			if (length > bestLength) {
				bestStart = start;
				bestLength = length;
			}
		}
		if (bestStart < 0) {
			return address;
		}
		String before = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
		String after = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
		return before + "::" + after;
	}

	/** "Chrome on Linux" from a user-agent header; the families a person recognises, nothing finer. */
	static String browser(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String browser = find(BROWSERS, userAgent);
		String system = find(SYSTEMS, userAgent);
		if (browser == null) {
			return (system != null) ? "A browser on " + system : "Unknown browser";
		}
		return (system != null) ? browser + " on " + system : browser;
	}

	/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
	static String ago(Instant then, Instant now) {
		Duration elapsed = Duration.between(then, now);
		if (elapsed.toMinutes() < 1) {
			return "just now";
		}
		if (elapsed.toHours() < 1) {
			return plural(elapsed.toMinutes(), "minute");
		}
		if (elapsed.toDays() < 1) {
			return plural(elapsed.toHours(), "hour");
		}
		return plural(elapsed.toDays(), "day");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s") + " ago";
	}

	private static String find(List<String[]> names, String userAgent) {
		for (String[] name : names) {
			if (userAgent.contains(name[0])) {
				return name[1];
			}
		}
		return null;
	}

	/**
	 * A time on the page.
	 *
	 * @param ago how long ago, such as "5 minutes ago"
	 * @param exact the exact time, shown on hover
	 * @param iso the instant for machines ({@code <time datetime>}), such as {@code 2026-11-25T11:55:00Z}
	 */
	record Moment(String ago, String exact, String iso) {

		static Moment of(Instant then, Instant now) {
			return new Moment(SessionView.ago(then, now), EXACT.format(then), then.truncatedTo(ChronoUnit.SECONDS).toString());
		}

	}

}
