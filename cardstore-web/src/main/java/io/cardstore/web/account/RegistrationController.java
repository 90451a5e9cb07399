package io.cardstore.web.account;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.account.UsernameTakenException;
import io.cardstore.aws.activation.ActivationRequest;
import io.cardstore.aws.activation.ActivationRequests;
import jakarta.validation.Valid;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The landing page, with login and registration; registering queues the activation mail. */
@Controller
class RegistrationController {

	private final Accounts accounts;

	private final ActivationRequests activationRequests;

	private final PasswordEncoder passwords;

	RegistrationController(Accounts accounts, ActivationRequests activationRequests, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.activationRequests = activationRequests;
		this.passwords = passwords;
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
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "index";
		}
		try {
			this.accounts.create(form.getUsername(), form.getName().strip(), form.getEmail().strip(),
					this.passwords.encode(form.getPassword()));
		}
		catch (UsernameTakenException ex) {
			result.rejectValue("username", "taken", "This user name is taken.");
			return "index";
		}
		// The link in the mail points back here, as the browser (through the load balancer) sees it.
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		this.activationRequests.publish(new ActivationRequest(form.getUsername(), baseUrl));
		redirect.addFlashAttribute("registeredEmail", form.getEmail().strip());
		return "redirect:/";
	}

}
