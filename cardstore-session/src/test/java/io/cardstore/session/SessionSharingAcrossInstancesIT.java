package io.cardstore.session;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of one application on one Redis: a login on either holds on both. */
class SessionSharingAcrossInstancesIT {

	static Instance a;

	static Instance b;

	@BeforeAll
	static void startTwoInstances() {
		a = Instances.start("instance-a", Map.of(), new SharedRedisInitializer());
		b = Instances.start("instance-b", Map.of(), new SharedRedisInitializer());
	}

	@AfterAll
	static void stopInstances() {
		a.close();
		b.close();
	}

	@Test
	void aLoginOnOneInstanceIsHonouredByTheOther() {
		String user = newUser();
		Browser browser = new Browser("Firefox");

		browser.login(a.port(), user);

		assertThat(browser.whoami(b.port())).isEqualTo(user);
		assertThat(browser.whoami(a.port())).isEqualTo(user);
	}

	@Test
	void aLogoutOnOneInstanceEndsTheSessionOnTheOther() {
		String user = newUser();
		Browser browser = new Browser("Firefox");
		browser.login(a.port(), user);
		String loggedInSession = browser.sessionId();

		browser.logout(b.port());

		assertThat(new Browser("Firefox").withSession(loggedInSession).whoami(a.port())).isEqualTo("anonymous");
		assertThat(browser.whoami(a.port())).isEqualTo("anonymous");
	}

	@Test
	void theSessionIdChangesAtLogin() {
		String user = newUser();
		Browser browser = new Browser("Firefox");
		browser.csrfToken(a.port());
		String beforeLogin = browser.sessionId();

		browser.login(a.port(), user);

		assertThat(beforeLogin).isNotNull();
		assertThat(browser.sessionId()).isNotNull().isNotEqualTo(beforeLogin);
		assertThat(new Browser("Attacker").withSession(beforeLogin).whoami(b.port()))
			.as("the id known before login does not carry the login")
			.isEqualTo("anonymous");
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() {
		HttpResponse<String> response = new Browser("Firefox").get(a.port(), "/csrf");

		assertThat(response.headers().allValues("Set-Cookie")).singleElement()
			.asString()
			.startsWith(Browser.COOKIE + "=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContain("Secure");
	}

	private static String newUser() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
