package io.cardstore.session;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records, in each new session, what a user needs to recognise it in a list of their
 * sessions: the browser, the address it came from and the instance that created it. The
 * request is wrapped so that the record is made the moment the session is created,
 * whichever code creates it.
 */
class SessionMetadataFilter extends OncePerRequestFilter {

	static final String USER_AGENT = "cardstore.userAgent";

	static final String REMOTE_ADDRESS = "cardstore.remoteAddress";

	static final String CREATED_BY = "cardstore.createdBy";

	private static final int MAX_USER_AGENT_LENGTH = 256;

	private final InstanceId instanceId;

	SessionMetadataFilter(InstanceId instanceId) {
		this.instanceId = instanceId;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new RecordingRequest(request), response);
	}

	private final class RecordingRequest extends HttpServletRequestWrapper {

		RecordingRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public HttpSession getSession() {
			return getSession(true);
		}

		@Override
		public HttpSession getSession(boolean create) {
			HttpSession session = super.getSession(create);
			if (session != null && session.getAttribute(CREATED_BY) == null) {
				String userAgent = getHeader("User-Agent");
				if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
					userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
				}
				session.setAttribute(USER_AGENT, userAgent);
				session.setAttribute(REMOTE_ADDRESS, getRemoteAddr());
				session.setAttribute(CREATED_BY, SessionMetadataFilter.this.instanceId.value());
			}
			return session;
		}

	}

}
