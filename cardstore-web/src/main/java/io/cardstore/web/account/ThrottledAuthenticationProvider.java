package io.cardstore.web.account;

import java.time.Duration;

import io.cardstore.aws.account.Accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses a user name that cannot name an account before anything else is done (no counter,
 * no table read, no hash), asks the {@link LoginThrottle} before the password is checked, and
 * tells it of a success.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	public ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		if (!Accounts.isWellFormed(username)) {
			throw new BadCredentialsException("Not a user name");
		}
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		Duration wait = this.throttle.attempt(username, address);
		if (!wait.isZero()) {
			throw new LockedException("Too many failed logins for " + username + " from " + address + "; wait "
					+ Math.max(1, wait.toSeconds()) + " s");
		}
		Authentication authenticated = CredentialRecheckFilter.remember(this.delegate.authenticate(authentication));
		this.throttle.succeeded(username, address);
		return authenticated;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
