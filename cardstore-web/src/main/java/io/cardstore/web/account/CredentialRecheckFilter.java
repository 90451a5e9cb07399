package io.cardstore.web.account;

import java.io.IOException;

import io.cardstore.aws.account.Account;
import io.cardstore.aws.account.AccountStatus;
import io.cardstore.aws.account.Accounts;
import io.cardstore.web.account.AccountUserDetailsService.AccountUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.session.SessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the race between a login and a password change, reset or disable. Those end every
 * session the account has at the moment they look; a login that read the old password before
 * the change, and stores its session only after that look, would survive it. So once a login's
 * session is stored (this filter runs outside Spring Session's, which stores it), the account is
 * read again, and the session is ended if its credential version moved on meanwhile or it is no
 * longer active: either the change came before this read and this filter ends the session, or
 * it came after the session was stored and the change's own look finds it.
 * <p>
 * It costs one read of the account per login, and nothing on any other request.
 */
public class CredentialRecheckFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(CredentialRecheckFilter.class);

	private static final String LOGIN = CredentialRecheckFilter.class.getName() + ".login";

	private final Accounts accounts;

	private final SessionRepository<?> sessions;

	public CredentialRecheckFilter(Accounts accounts, SessionRepository<?> sessions) {
		this.accounts = accounts;
		this.sessions = sessions;
	}

	/** Remembers a successful login of this request, and the session it got, to check it later. */
	public static void loggedIn(HttpServletRequest request, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null && authentication.getPrincipal() instanceof AccountUser user) {
			request.setAttribute(LOGIN, new Login(user.getUsername(), user.credentialVersion(), session.getId()));
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		if (request.getAttribute(LOGIN) instanceof Login login) {
			Account account = this.accounts.find(login.username()).orElse(null);
			if (account == null || account.status() != AccountStatus.ACTIVE
					|| account.credentialVersion() != login.credentialVersion()) {
				this.sessions.deleteById(login.sessionId());
				logger.info("A login of '" + login.username()
						+ "' used credentials that changed while it ran; its session is ended");
			}
		}
	}

	private record Login(String username, long credentialVersion, String sessionId) {
	}

}
