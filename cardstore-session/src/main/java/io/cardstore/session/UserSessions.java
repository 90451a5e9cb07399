package io.cardstore.session;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/** Lists a user's sessions, on every instance, and ends them. */
public class UserSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	public UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
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
	 * Ends one of the user's sessions: the browser that holds it is logged out at its next
	 * request, whichever instance serves it.
	 * @return whether the user had that session
	 */
	public boolean revoke(String username, String sessionId) {
		if (!this.sessions.findByPrincipalName(username).containsKey(sessionId)) {
			return false;
		}
		this.sessions.deleteById(sessionId);
		return true;
	}

	/**
	 * Ends every session of the user but one, typically the one making the request.
	 * @return how many sessions were ended
	 */
	public int revokeAllExcept(String username, String keptSessionId) {
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
