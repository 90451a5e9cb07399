package io.cardstore.web.account;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the password forms say of the rules, from the class that enforces them. */
@ControllerAdvice(assignableTypes = { RegistrationController.class, AccountController.class,
		PasswordResetController.class })
class PasswordRulesAdvice {

	@ModelAttribute("passwordMinLength")
	int passwordMinLength() {
		return PasswordPolicy.MIN_LENGTH;
	}

}
