package io.cardstore.web.login;

import java.io.IOException;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import io.cardstore.web.login.AccountUserDetailsService.AccountUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.session.SessionRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the race between a login and a password change, reset or disable. Those end
 * every session the account has at the moment they look; a login that read the old
 * password before the change, and stores its session only after that look, would survive
 * it. So once a login's session is stored (this filter runs outside Spring Session's,
 * which stores it), the account is read again, and the session is ended if its credential
 * version moved on meanwhile or it is no longer active: either the change came before
 * this read and this filter ends the session, or it came after the session was stored and
 * the change's own look finds it.
 * <p>
 * It costs one read of the account per login, and nothing on any other request.
 */
class CredentialRecheckFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(CredentialRecheckFilter.class);

	private static final String READ = CredentialRecheckFilter.class.getName() + ".read";

	private static final String LOGIN = CredentialRecheckFilter.class.getName() + ".login";

	private final Accounts accounts;

	private final @Nullable SessionRepository<?> sessions;

	/**
	 * @param sessions the session store, {@code null} without one (the filter is off)
	 */
	public CredentialRecheckFilter(Accounts accounts, @Nullable SessionRepository<?> sessions) {
		this.accounts = accounts;
		this.sessions = sessions;
	}

	/**
	 * Keeps, for this request, the credential version the login read with the account,
	 * and answers the authentication with a plain user as its principal: what the session
	 * keeps, in the session store's compact form.
	 */
	public static Authentication remember(Authentication authenticated) {
		if (!(authenticated.getPrincipal() instanceof AccountUser user)) {
			return authenticated;
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(READ, new Read(user.getUsername(), user.credentialVersion()),
					RequestAttributes.SCOPE_REQUEST);
		}
		User principal = new User(user.getUsername(), "", authenticated.getAuthorities());
		UsernamePasswordAuthenticationToken plain = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				authenticated.getAuthorities());
		plain.setDetails(authenticated.getDetails());
		return plain;
	}

	/**
	 * Remembers a successful login of this request, and the session it got, to check it
	 * later.
	 */
	public static void loggedIn(HttpServletRequest request, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null && request.getAttribute(READ) instanceof Read read
				&& read.username().equals(authentication.getName())) {
			request.setAttribute(LOGIN, new Login(read.username(), read.credentialVersion(), session.getId()));
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		if (request.getAttribute(LOGIN) instanceof Login login) {
			recheck(login);
		}
	}

	private void recheck(Login login) {
		try {
			Account account = this.accounts.find(login.username()).orElse(null);
			if (account != null && account.status() == AccountStatus.ACTIVE
					&& account.credentialVersion() == login.credentialVersion()) {
				return;
			}
			logger.info("A login of '" + login.username()
					+ "' used credentials that changed while it ran; its session is ended");
		}
		catch (RuntimeException ex) {
			// What cannot be checked is not kept: the user logs in again.
			logger.warn("The credentials of a login of '" + login.username()
					+ "' could not be checked again; its session is ended", ex);
		}
		if (this.sessions != null) {
			this.sessions.deleteById(login.sessionId());
		}
	}

	private record Read(String username, long credentialVersion) {
	}

	private record Login(String username, long credentialVersion, String sessionId) {
	}

}
