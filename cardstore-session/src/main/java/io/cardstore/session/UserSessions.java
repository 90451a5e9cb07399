package io.cardstore.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Lists a user's sessions, on every instance, and ends them. Sessions other than the
 * caller's own are named by a handle, never by their id.
 */
public class UserSessions {

	private static final int HANDLE_BYTES = 16;

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	public UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * The handle of a session: the first 128 bits of the SHA-256 of its id. It names the
	 * session among its user's sessions, and nothing can be done with it as a cookie or
	 * turned back into the id. Every replica computes the same handle, so a revoke works
	 * whichever one serves it.
	 */
	public static String handle(String sessionId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, HANDLE_BYTES));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/** The user's live sessions, the most recently used first. */
	public List<UserSession> list(String username) {
		return this.sessions.findByPrincipalName(username)
			.values()
			.stream()
			.map(UserSession::of)
			.sorted(Comparator.comparing(UserSession::lastAccessedAt).reversed())
			.toList();
	}

	/**
	 * Ends one of the user's sessions: the browser that holds it is logged out at its
	 * next request, whichever instance serves it.
	 * @param handle the session's {@link #handle(String) handle}, as the list gave it
	 * @return whether the user had that session
	 */
	public boolean revoke(String username, String handle) {
		for (String id : this.sessions.findByPrincipalName(username).keySet()) {
			if (MessageDigest.isEqual(handle(id).getBytes(StandardCharsets.US_ASCII),
					handle.getBytes(StandardCharsets.US_ASCII))) {
				this.sessions.deleteById(id);
				return true;
			}
		}
		return false;
	}

	/**
	 * Ends every session of the user but one, typically the one making the request; every
	 * one for a {@code null} id.
	 * @return how many sessions were ended
	 */
	public int revokeAllExcept(String username, @Nullable String keptSessionId) {
		Map<String, ? extends Session> found = this.sessions.findByPrincipalName(username);
		int revoked = 0;
		for (String id : found.keySet()) {
			if (!id.equals(keptSessionId)) {
				this.sessions.deleteById(id);
				revoked++;
			}
		}
		return revoked;
	}

}
