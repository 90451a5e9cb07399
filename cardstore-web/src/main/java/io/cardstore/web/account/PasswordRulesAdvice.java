package io.cardstore.web.account;

import java.io.IOException;

import io.cardstore.web.login.HashingBusyException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the password forms say of the rules, from the class that enforces them; and their
 * answer when no password can be hashed right now.
 */
@ControllerAdvice(
		assignableTypes = { RegistrationController.class, AccountController.class, PasswordResetController.class })
class PasswordRulesAdvice {

	@ModelAttribute("passwordMinLength")
	int passwordMinLength() {
		return PasswordPolicy.MIN_LENGTH;
	}

	/** As a login that finds no permit is answered (see the security configuration). */
	@ExceptionHandler(HashingBusyException.class)
	void hashingBusy(HashingBusyException ex, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(HashingBusyException.RETRY_AFTER_SECONDS));
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), ex.getMessage());
	}

}
