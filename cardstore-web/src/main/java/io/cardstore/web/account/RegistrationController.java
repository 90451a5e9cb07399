package io.cardstore.web.account;

import java.util.Locale;

import io.cardstore.aws.mail.AccountMailRequest;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.UsernameTakenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The landing page, with login and registration; registering queues the activation mail.
 */
@Controller
class RegistrationController {

	private final Accounts accounts;

	private final AccountMailRequests activationRequests;

	private final PasswordEncoder passwords;

	private final PasswordPolicy passwordPolicy;

	private final MailRequestLimits limits;

	private final MessageSourceAccessor messages;

	RegistrationController(Accounts accounts, AccountMailRequests activationRequests, PasswordEncoder passwords,
			PasswordPolicy passwordPolicy, MailRequestLimits limits, MessageSourceAccessor messages) {
		this.messages = messages;
		this.accounts = accounts;
		this.activationRequests = activationRequests;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.limits = limits;
	}

	@ModelAttribute("registration")
	RegistrationForm registration() {
		return new RegistrationForm();
	}

	@GetMapping("/")
	String landing() {
		return "index";
	}

	@GetMapping("/register")
	String registerPage() {
		return "index";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("registration") RegistrationForm form, BindingResult result,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
			RedirectAttributes redirect) {
		if (!result.hasFieldErrors("password")) {
			this.passwordPolicy
				.problemWith(form.getPassword(), form.getUsername(), form.getName(), form.getEmail().strip())
				.ifPresent(problem -> result.rejectValue("password", "weak", problem));
		}
		if (result.hasErrors()) {
			return "index";
		}
		if (!this.limits.allowFromAddress(request.getRemoteAddr())) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("error", this.messages.getMessage("index.too-many-registrations"));
			return "index";
		}
		try {
			this.accounts.create(form.getUsername(), form.getName().strip(), form.getEmail().strip(),
					this.passwords.encode(form.getPassword()));
		}
		catch (UsernameTakenException ex) {
			result.rejectValue("username", "registration.username.taken");
			return "index";
		}
		this.activationRequests.publish(AccountMailRequest.activation(form.getUsername(), locale));
		redirect.addFlashAttribute("registeredEmail", form.getEmail().strip());
		return "redirect:/";
	}

}
