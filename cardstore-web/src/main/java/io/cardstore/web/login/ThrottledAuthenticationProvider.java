package io.cardstore.web.login;

import java.time.Duration;

import io.cardstore.market.account.Username;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses a user name that cannot name an account before anything else is done (no
 * counter, no table read, no hash), asks the {@link LoginThrottle} before the password is
 * checked, and tells it of a success.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final MeterRegistry meters;

	public ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle,
			MeterRegistry meters) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.meters = meters;
	}

	/**
	 * Counts every attempt by outcome in {@code cardstore.login.attempts}:
	 * {@code success}, {@code failure} (a wrong password, an unknown or inactive
	 * account), {@code malformed} (a name that cannot be one), {@code throttled} and
	 * {@code busy} (no turn to hash).
	 */
	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String outcome = "failure";
		try {
			Authentication authenticated = attempt(authentication);
			outcome = "success";
			return authenticated;
		}
		catch (LockedException ex) {
			outcome = "throttled";
			throw ex;
		}
		catch (HashingBusyException ex) {
			outcome = "busy";
			throw ex;
		}
		catch (MalformedNameException ex) {
			outcome = "malformed";
			throw ex;
		}
		finally {
			this.meters.counter("cardstore.login.attempts", "outcome", outcome).increment();
		}
	}

	private Authentication attempt(Authentication authentication) {
		String username = authentication.getName();
		if (!Username.isWellFormed(username)) {
			throw new MalformedNameException();
		}
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		Duration wait = this.throttle.attempt(username, address);
		if (!wait.isZero()) {
			throw new LockedException("Too many failed logins for " + username + " from " + address + "; wait "
					+ Math.max(1, wait.toSeconds()) + " s");
		}
		Authentication checked = this.delegate.authenticate(authentication);
		if (checked == null) {
			// Not a login the delegate can check: a failure, never a success.
			throw new BadCredentialsException("Not a login the store can check");
		}
		Authentication authenticated = CredentialRecheckFilter.remember(checked);
		this.throttle.succeeded(username, address);
		return authenticated;
	}

	/**
	 * A user name that cannot name an account: a failed login like any other to the user.
	 */
	static final class MalformedNameException extends BadCredentialsException {

		MalformedNameException() {
			super("Not a user name");
		}

	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
