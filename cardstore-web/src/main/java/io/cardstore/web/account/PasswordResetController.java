package io.cardstore.web.account;

import java.util.Locale;

import io.cardstore.aws.mail.AccountMailRequest;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.Username;
import io.cardstore.session.UserSessions;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A forgotten password: the user asks for a link by user name, the same queue and mail
 * path as activation sends it, and the link sets a new password once and ends every
 * session of the account. The answer to a request is the same, and takes as long, whether
 * or not the account exists: the request is queued either way, and the mail path sends a
 * link only to an active account.
 */
@Controller
class PasswordResetController {

	private final Accounts accounts;

	private final AccountMailRequests mailRequests;

	private final MailRequestLimits limits;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwords;

	private final ObjectProvider<UserSessions> userSessions;

	private final MessageSourceAccessor messages;

	PasswordResetController(Accounts accounts, AccountMailRequests mailRequests, MailRequestLimits limits,
			PasswordPolicy passwordPolicy, PasswordEncoder passwords, ObjectProvider<UserSessions> userSessions,
			MessageSourceAccessor messages) {
		this.messages = messages;
		this.accounts = accounts;
		this.mailRequests = mailRequests;
		this.limits = limits;
		this.passwordPolicy = passwordPolicy;
		this.passwords = passwords;
		this.userSessions = userSessions;
	}

	@GetMapping("/password/forgot")
	String forgotPage() {
		return "password-forgot";
	}

	@PostMapping("/password/forgot")
	ModelAndView forgot(@RequestParam(defaultValue = "") String username, HttpServletRequest request, Locale locale) {
		String name = username.strip();
		if (!Username.isWellFormed(name)) {
			return new ModelAndView("password-forgot", HttpStatus.BAD_REQUEST).addObject("error",
					this.messages.getMessage("forgot.not-a-username"));
		}
		if (!this.limits.allowFromAddress(request.getRemoteAddr())) {
			return new ModelAndView("password-forgot", HttpStatus.TOO_MANY_REQUESTS).addObject("error",
					this.messages.getMessage("forgot.too-many"));
		}
		if (this.limits.allowResetFor(name, request.getRemoteAddr())) {
			this.mailRequests.publish(AccountMailRequest.passwordReset(name, locale));
		}
		return new ModelAndView("password-forgot").addObject("message", this.messages.getMessage("forgot.sent"));
	}

	@GetMapping("/password/reset")
	ModelAndView resetPage(@RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String token) {
		if (!isValid(username, token)) {
			return ActivationController.linkFailed();
		}
		return new ModelAndView("password-reset").addObject("username", username)
			.addObject("token", token)
			.addObject("languageQuery", ActivationController.linkQuery(username, token));
	}

	@PostMapping("/password/reset")
	ModelAndView reset(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String token,
			@RequestParam(defaultValue = "") String password) {
		if (!isValid(username, token)) {
			return ActivationController.linkFailed();
		}
		Account account = this.accounts.find(username).orElse(null);
		if (account == null) {
			return ActivationController.linkFailed();
		}
		String problem = this.passwordPolicy.problemWith(password, username, account.name(), account.email())
			.orElse(null);
		if (problem != null) {
			return new ModelAndView("password-reset", HttpStatus.BAD_REQUEST).addObject("username", username)
				.addObject("token", token)
				.addObject("languageQuery", ActivationController.linkQuery(username, token))
				.addObject("error", problem);
		}
		if (!this.accounts.resetPassword(username, token, this.passwords.encode(password))) {
			return ActivationController.linkFailed();
		}
		// Whoever knew the old password, or holds a session, is out (ASVS 7.4.3).
		this.userSessions.ifAvailable(sessions -> sessions.revokeAllExcept(username, null));
		return new ModelAndView("redirect:/?reset");
	}

	private boolean isValid(String username, String token) {
		return Username.isWellFormed(username) && !token.isBlank() && token.length() <= 64
				&& this.accounts.isPasswordResetValid(username, token);
	}

}
