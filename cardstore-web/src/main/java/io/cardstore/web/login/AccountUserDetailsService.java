package io.cardstore.web.login;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Users are the accounts in DynamoDB; only activated accounts may log in (not new, not
 * disabled ones). A hash in an older format is replaced by an Argon2id one at login.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final Accounts accounts;

	AccountUserDetailsService(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return new AccountUser(account);
	}

	@Override
	public UserDetails updatePassword(UserDetails user, @Nullable String newPassword) {
		String oldPassword = user.getPassword();
		if (newPassword == null || oldPassword == null) {
			// No hash to replace, or none to replace it with.
			return user;
		}
		this.accounts.updatePasswordHash(user.getUsername(), oldPassword, newPassword);
		return User.withUserDetails(user).password(newPassword).build();
	}

	/**
	 * A user as the login read the account, with the account's credential version at that
	 * moment: {@link CredentialRecheckFilter} holds it against the account once the
	 * session is stored.
	 */
	static final class AccountUser extends User {

		private final long credentialVersion;

		AccountUser(Account account) {
			super(account.username(), account.passwordHash(), account.status() == AccountStatus.ACTIVE, true, true,
					true, AuthorityUtils.createAuthorityList("ROLE_USER"));
			this.credentialVersion = account.credentialVersion();
		}

		long credentialVersion() {
			return this.credentialVersion;
		}

	}

}
