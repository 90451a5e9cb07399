package io.cardstore.session;

import java.util.List;

import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** A user sees their sessions, ends one of them or all but the current one. */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cardstore.session.instance-id=sessions-instance")
@ContextConfiguration(initializers = SharedRedisInitializer.class)
class UserSessionsIT {

	@LocalServerPort
	int port;

	@Autowired
	UserSessions userSessions;

	String user;

	Browser laptop;

	Browser phone;

	Browser tablet;

	@BeforeEach
	void logInThreeTimes() {
		this.user = "user-" + System.nanoTime();
		this.laptop = new Browser("Laptop");
		this.phone = new Browser("Phone");
		this.tablet = new Browser("Tablet");
		for (Browser browser : List.of(this.laptop, this.phone, this.tablet)) {
			browser.login(this.port, this.user);
		}
	}

	@Test
	void listsEverySessionOfTheUser() {
		List<UserSession> sessions = this.userSessions.list(this.user);

		assertThat(sessions).hasSize(3);
		assertThat(sessions).extracting(UserSession::handle)
			.containsExactlyInAnyOrder(this.laptop.sessionHandle(), this.phone.sessionHandle(),
					this.tablet.sessionHandle());
		assertThat(sessions).extracting(UserSession::userAgent).containsExactlyInAnyOrder("Laptop", "Phone", "Tablet");
		assertThat(sessions).allSatisfy(session -> {
			assertThat(session.createdBy()).isEqualTo("sessions-instance");
			assertThat(session.remoteAddress()).isEqualTo("127.0.0.1");
			assertThat(session.lastAccessedAt()).isAfterOrEqualTo(session.createdAt());
		});
	}

	@Test
	void revokingOneSessionLogsOutOnlyThatBrowser() {
		boolean revoked = this.userSessions.revoke(this.user, this.phone.sessionHandle());

		assertThat(revoked).isTrue();
		assertThat(this.phone.whoami(this.port)).isEqualTo("anonymous");
		assertThat(this.laptop.whoami(this.port)).isEqualTo(this.user);
		assertThat(this.tablet.whoami(this.port)).isEqualTo(this.user);
		assertThat(this.userSessions.list(this.user)).hasSize(2);
	}

	@Test
	void revokingAllOthersKeepsTheCurrentSession() {
		int revoked = this.userSessions.revokeAllExcept(this.user, this.laptop.sessionId());

		assertThat(revoked).isEqualTo(2);
		assertThat(this.laptop.whoami(this.port)).isEqualTo(this.user);
		assertThat(this.phone.whoami(this.port)).isEqualTo("anonymous");
		assertThat(this.tablet.whoami(this.port)).isEqualTo("anonymous");
		assertThat(this.userSessions.list(this.user)).extracting(UserSession::handle)
			.containsExactly(this.laptop.sessionHandle());
	}

	@Test
	void aUserCannotRevokeAnotherUsersSession() {
		Browser other = new Browser("Other");
		other.login(this.port, this.user + "-other");

		assertThat(this.userSessions.revoke(this.user, other.sessionHandle())).isFalse();
		assertThat(other.whoami(this.port)).isEqualTo(this.user + "-other");
	}

	@Test
	void theListHoldsNoSessionIdAndItsHandlesLogNobodyIn() {
		List<UserSession> sessions = this.userSessions.list(this.user);

		assertThat(sessions).extracting(UserSession::toString)
			.noneMatch(row -> row.contains(this.laptop.sessionId()) || row.contains(this.phone.sessionId())
					|| row.contains(this.tablet.sessionId()));
		for (UserSession session : sessions) {
			Browser thief = new Browser("Thief");
			thief.withSession(session.handle());
			assertThat(thief.whoami(this.port)).isEqualTo("anonymous");
		}
		// A session id is not a handle either: a revoke needs what the list gave.
		assertThat(this.userSessions.revoke(this.user, this.phone.sessionId())).isFalse();
		assertThat(this.phone.whoami(this.port)).isEqualTo(this.user);
	}

}
