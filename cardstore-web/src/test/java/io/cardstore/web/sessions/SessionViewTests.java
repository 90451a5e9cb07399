package io.cardstore.web.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.cardstore.session.UserSession;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionViewTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	/** The store's own messages, as the pages resolve them. */
	private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	@Test
	void namesTheBrowserAndTheSystemAPersonKnows() {
		assertThat(device("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 "
				+ "Safari/537.36", Locale.ENGLISH))
			.isEqualTo("Chrome on Linux");
		assertThat(device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0", Locale.ENGLISH))
			.isEqualTo("Edge on Windows");
		assertThat(device("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", Locale.ENGLISH))
			.isEqualTo("Firefox on Linux");
		assertThat(device("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", Locale.ENGLISH))
			.isEqualTo("Safari on iOS");
		assertThat(device("Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/156.0.0.0 Mobile Safari/537.36", Locale.GERMAN))
			.isEqualTo("Chrome unter Android");
		assertThat(device("Mozilla/5.0 (Windows NT 10.0)", Locale.ENGLISH)).isEqualTo("A browser on Windows");
		assertThat(device("Firefox/140.0", Locale.GERMAN)).isEqualTo("Firefox");
		assertThat(device("curl/8.5.0", Locale.ENGLISH)).isEqualTo("Unknown browser");
		assertThat(device(null, Locale.GERMAN)).isEqualTo("Unbekannter Browser");
	}

	@Test
	void saysHowLongAgoInWordsOfEitherLanguage() {
		assertThat(ago(NOW.minusSeconds(20), Locale.ENGLISH)).isEqualTo("just now");
		assertThat(ago(NOW.minus(Duration.ofMinutes(1)), Locale.ENGLISH)).isEqualTo("1 minute ago");
		assertThat(ago(NOW.minus(Duration.ofMinutes(59)), Locale.ENGLISH)).isEqualTo("59 minutes ago");
		assertThat(ago(NOW.minus(Duration.ofHours(2)), Locale.ENGLISH)).isEqualTo("2 hours ago");
		assertThat(ago(NOW.minus(Duration.ofDays(3)), Locale.ENGLISH)).isEqualTo("3 days ago");
		assertThat(ago(NOW.minusSeconds(20), Locale.GERMAN)).isEqualTo("gerade eben");
		assertThat(ago(NOW.minus(Duration.ofMinutes(1)), Locale.GERMAN)).isEqualTo("vor 1 Minute");
		assertThat(ago(NOW.minus(Duration.ofHours(2)), Locale.GERMAN)).isEqualTo("vor 2 Stunden");
		assertThat(ago(NOW.minus(Duration.ofDays(1)), Locale.GERMAN)).isEqualTo("vor 1 Tag");
		assertThat(ago(NOW.minus(Duration.ofDays(3)), Locale.GERMAN)).isEqualTo("vor 3 Tagen");
	}

	@Test
	void marksTheCurrentSessionAndKeepsTheExactTimes() {
		UserSession session = new UserSession("handle-1", NOW.minus(Duration.ofMinutes(5)), NOW,
				"Firefox/140.0 (X11; Linux)", "203.0.113.9", "web1");

		SessionView view = SessionView.of(session, "handle-1", NOW);

		assertThat(view.current()).isTrue();
		assertThat(view.started())
			.isEqualTo(new SessionView.Moment("time.minutes", 5, "2026-11-25 11:55:00 UTC", "2026-11-25T11:55:00Z"));
		assertThat(view.lastUsed().agoKey()).isEqualTo("time.now");
		assertThat(SessionView.of(session, "handle-2", NOW).current()).isFalse();
	}

	private static String device(String userAgent, Locale locale) {
		SessionView view = SessionView.of(new UserSession("h", NOW, NOW, userAgent, "203.0.113.9", "web1"), "other",
				NOW);
		return MESSAGES.getMessage(view.deviceKey(), new Object[] { view.browser(), view.system() }, locale);
	}

	private static String ago(Instant then, Locale locale) {
		SessionView.Moment moment = SessionView.Moment.of(then, NOW);
		return MESSAGES.getMessage(moment.agoKey(), new Object[] { moment.count() }, locale);
	}

	@Test
	void showsIpv6AddressesInTheirShortForm() {
		assertThat(SessionView.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(SessionView.address("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
		assertThat(SessionView.address("2001:db8:0:0:0:0:0:0")).isEqualTo("2001:db8::");
		assertThat(SessionView.address("2001:db8:0:1:1:1:1:1")).as("one zero group stays")
			.isEqualTo("2001:db8:0:1:1:1:1:1");
		assertThat(SessionView.address("::1")).isEqualTo("::1");
		assertThat(SessionView.address("203.0.113.9")).isEqualTo("203.0.113.9");
	}

}
