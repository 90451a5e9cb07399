package io.cardstore.web.account;

import java.security.Principal;
import java.time.Duration;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.Accounts;
import io.cardstore.session.UserSessions;
import io.cardstore.web.login.LoginThrottle;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own account: change the password, or disable the account. Both ask for the
 * current password, counted by the login throttle like a login, so a borrowed session
 * cannot guess it; both end the account's other sessions on every replica.
 */
@Controller
class AccountController {

	private final Accounts accounts;

	private final PasswordEncoder passwords;

	private final PasswordPolicy passwordPolicy;

	private final LoginThrottle throttle;

	private final ObjectProvider<UserSessions> userSessions;

	private final MessageSourceAccessor messages;

	AccountController(Accounts accounts, PasswordEncoder passwords, PasswordPolicy passwordPolicy,
			LoginThrottle throttle, ObjectProvider<UserSessions> userSessions, MessageSourceAccessor messages) {
		this.messages = messages;
		this.accounts = accounts;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.throttle = throttle;
		this.userSessions = userSessions;
	}

	@GetMapping("/account")
	String account() {
		return "account";
	}

	@PostMapping("/account/password")
	ModelAndView changePassword(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, Principal user, HttpServletRequest request,
			RedirectAttributes redirect) {
		Account account = this.accounts.find(user.getName()).orElseThrow();
		String refusal = checkCurrentPassword(account, currentPassword, request.getRemoteAddr());
		if (refusal == null) {
			refusal = this.passwordPolicy.problemWith(newPassword, account.username(), account.name(), account.email())
				.orElse(null);
		}
		if (refusal != null) {
			return new ModelAndView("account", HttpStatus.BAD_REQUEST).addObject("passwordError", refusal);
		}
		if (!this.accounts.changePassword(account.username(), this.passwords.encode(newPassword))) {
			return new ModelAndView("account", HttpStatus.CONFLICT).addObject("passwordError",
					this.messages.getMessage("password.inactive"));
		}
		// Every other session of the account ended (ASVS 7.4.3), then a new id for this
		// one: in this
		// order, since the store knows this session by its old id until the request ends.
		UserSessions sessions = this.userSessions.getIfAvailable();
		int ended = (sessions != null) ? sessions.revokeAllExcept(account.username(), request.getSession().getId()) : 0;
		request.changeSessionId();
		redirect.addFlashAttribute("message", this.messages.getMessage("password.changed", new Object[] { ended }));
		return new ModelAndView("redirect:/account");
	}

	@PostMapping("/account/disable")
	ModelAndView disable(@RequestParam(defaultValue = "") String currentPassword, Principal user,
			HttpServletRequest request) throws ServletException {
		Account account = this.accounts.find(user.getName()).orElseThrow();
		String refusal = checkCurrentPassword(account, currentPassword, request.getRemoteAddr());
		if (refusal != null) {
			return new ModelAndView("account", HttpStatus.BAD_REQUEST).addObject("disableError", refusal);
		}
		this.accounts.disable(account.username());
		this.userSessions.ifAvailable(sessions -> sessions.revokeAllExcept(account.username(), null));
		request.logout();
		return new ModelAndView("redirect:/?disabled");
	}

	/** Why the current password is refused, or null when it is right. */
	private @Nullable String checkCurrentPassword(Account account, String currentPassword, String address) {
		Duration wait = this.throttle.attempt(account.username(), address);
		if (!wait.isZero()) {
			return this.messages.getMessage("password.too-many", new Object[] { Math.max(1, wait.toSeconds()) });
		}
		if (currentPassword.isEmpty() || currentPassword.length() > PasswordPolicy.MAX_LENGTH
				|| !this.passwords.matches(currentPassword, account.passwordHash())) {
			return this.messages.getMessage("password.wrong");
		}
		this.throttle.succeeded(account.username(), address);
		return null;
	}

}
