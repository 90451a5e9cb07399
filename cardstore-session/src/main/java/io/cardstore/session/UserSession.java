package io.cardstore.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * One of a user's sessions, as the user sees it in a list. It holds no session id: a
 * session id is a bearer credential, and a list of them on a page would hand every
 * session to whoever reads the page once.
 *
 * @param handle refers to the session in {@link UserSessions#revoke}; useless as a cookie
 * @param createdAt when the session was created
 * @param lastAccessedAt when a request last used it
 * @param userAgent the browser that created it
 * @param remoteAddress the address the browser connected from
 * @param createdBy the application instance that created it
 */
public record UserSession(String handle, Instant createdAt, Instant lastAccessedAt, @Nullable String userAgent,
		@Nullable String remoteAddress, @Nullable String createdBy) {

	static UserSession of(Session session) {
		return new UserSession(UserSessions.handle(session.getId()), session.getCreationTime(),
				session.getLastAccessedTime(), session.getAttribute(SessionMetadataFilter.USER_AGENT),
				session.getAttribute(SessionMetadataFilter.REMOTE_ADDRESS),
				session.getAttribute(SessionMetadataFilter.CREATED_BY));
	}

}
