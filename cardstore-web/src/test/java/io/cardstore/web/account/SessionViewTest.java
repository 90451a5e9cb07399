package io.cardstore.web.account;

import java.time.Duration;
import java.time.Instant;

import io.cardstore.session.UserSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionViewTest {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@Test
	void namesTheBrowserAndTheSystemAPersonKnows() {
		assertThat(SessionView.browser(
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"))
			.isEqualTo("Chrome on Linux");
		assertThat(SessionView.browser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0")).isEqualTo("Edge on Windows");
		assertThat(SessionView.browser("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"))
			.isEqualTo("Firefox on Linux");
		assertThat(SessionView.browser("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iOS");
		assertThat(SessionView.browser("Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/156.0.0.0 Mobile Safari/537.36")).isEqualTo("Chrome on Android");
		assertThat(SessionView.browser("curl/8.5.0")).isEqualTo("Unknown browser");
		assertThat(SessionView.browser(null)).isEqualTo("Unknown browser");
	}

	@Test
	void saysHowLongAgoInWords() {
		assertThat(SessionView.ago(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
		assertThat(SessionView.ago(NOW.minus(Duration.ofMinutes(1)), NOW)).isEqualTo("1 minute ago");
		assertThat(SessionView.ago(NOW.minus(Duration.ofMinutes(59)), NOW)).isEqualTo("59 minutes ago");
		assertThat(SessionView.ago(NOW.minus(Duration.ofHours(2)), NOW)).isEqualTo("2 hours ago");
		assertThat(SessionView.ago(NOW.minus(Duration.ofDays(3)), NOW)).isEqualTo("3 days ago");
	}

	@Test
	void marksTheCurrentSessionAndKeepsTheExactTimes() {
		UserSession session = new UserSession("handle-1", NOW.minus(Duration.ofMinutes(5)), NOW, "Firefox/140.0 (X11; Linux)",
				"203.0.113.9", "web1");

		SessionView view = SessionView.of(session, "handle-1", NOW);

		assertThat(view.current()).isTrue();
		assertThat(view.started()).isEqualTo(new SessionView.Moment("5 minutes ago", "2026-11-25 11:55:00 UTC",
				"2026-11-25T11:55:00Z"));
		assertThat(view.lastUsed().ago()).isEqualTo("just now");
		assertThat(SessionView.of(session, "handle-2", NOW).current()).isFalse();
	}

	@Test
	void showsIpv6AddressesInTheirShortForm() {
		assertThat(SessionView.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(SessionView.address("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
		assertThat(SessionView.address("2001:db8:0:0:0:0:0:0")).isEqualTo("2001:db8::");
		assertThat(SessionView.address("2001:db8:0:1:1:1:1:1")).as("one zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
		assertThat(SessionView.address("::1")).isEqualTo("::1");
		assertThat(SessionView.address("203.0.113.9")).isEqualTo("203.0.113.9");
	}

}
