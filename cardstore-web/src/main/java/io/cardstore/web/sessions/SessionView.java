package io.cardstore.web.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.cardstore.session.UserSession;
import org.jspecify.annotations.Nullable;

/**
 * One row of the sessions page, as a person reads it; the page words the browser and the
 * times in the reader's language, from the keys this gives.
 *
 * @param handle the session's handle, to end it (never its id)
 * @param browser the browser's family, such as "Firefox", or {@code null} when unknown
 * @param system the operating system, such as "Linux", or {@code null} when unknown
 * @param address the address the browser connected from, IPv6 in its short form
 * ({@code ::1})
 * @param started when the session started
 * @param lastUsed when a request last used it
 * @param instance the replica that started it
 * @param current whether it is the session of this very page
 */
record SessionView(String handle, @Nullable String browser, @Nullable String system, @Nullable String address,
		Moment started, Moment lastUsed, @Nullable String instance, boolean current) {

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android
	// also says Linux.
	private static final List<String[]> BROWSERS = List.of(new String[] { "Edg/", "Edge" },
			new String[] { "OPR/", "Opera" }, new String[] { "Firefox/", "Firefox" },
			new String[] { "Chrome/", "Chrome" }, new String[] { "Safari/", "Safari" });

	private static final List<String[]> SYSTEMS = List.of(new String[] { "Android", "Android" },
			new String[] { "iPhone", "iOS" }, new String[] { "iPad", "iPadOS" }, new String[] { "Windows", "Windows" },
			new String[] { "Mac OS X", "macOS" }, new String[] { "CrOS", "ChromeOS" },
			new String[] { "Linux", "Linux" });

	static SessionView of(UserSession session, String currentHandle, Instant now) {
		String userAgent = (session.userAgent() != null) ? session.userAgent() : "";
		return new SessionView(session.handle(), find(BROWSERS, userAgent), find(SYSTEMS, userAgent),
				address(session.remoteAddress()), Moment.of(session.createdAt(), now),
				Moment.of(session.lastAccessedAt(), now), session.createdBy(), session.handle().equals(currentHandle));
	}

	/**
	 * An IPv6 address as people write it (RFC 5952: the longest run of zero groups as
	 * {@code ::}), where the servlet container gives every group
	 * ({@code 0:0:0:0:0:0:0:1}); others as given.
	 */
	static @Nullable String address(@Nullable String address) {
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

	/**
	 * The message that names the device ({@code device.*}): "Chrome on Linux", or as much
	 * as the user-agent header told; its arguments are the browser and the system.
	 */
	public String deviceKey() {
		if (this.browser == null) {
			return (this.system != null) ? "device.system" : "device.unknown";
		}
		return (this.system != null) ? "device.both" : "device.browser";
	}

	private static @Nullable String find(List<String[]> names, String userAgent) {
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
	 * @param agoKey the message that says how long ago ({@code time.*}), such as "{0}
	 * minutes ago"
	 * @param count its number: minutes, hours or days
	 * @param exact the exact time, shown on hover
	 * @param iso the instant for machines ({@code <time datetime>}), such as
	 * {@code 2026-11-25T11:55:00Z}
	 */
	record Moment(String agoKey, long count, String exact, String iso) {

		static Moment of(Instant then, Instant now) {
			Duration elapsed = Duration.between(then, now);
			String exact = EXACT.format(then);
			String iso = then.truncatedTo(ChronoUnit.SECONDS).toString();
			if (elapsed.toMinutes() < 1) {
				return new Moment("time.now", 0, exact, iso);
			}
			if (elapsed.toHours() < 1) {
				return new Moment("time.minutes", elapsed.toMinutes(), exact, iso);
			}
			if (elapsed.toDays() < 1) {
				return new Moment("time.hours", elapsed.toHours(), exact, iso);
			}
			return new Moment("time.days", elapsed.toDays(), exact, iso);
		}

	}

}
