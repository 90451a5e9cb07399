package io.cardstore.web.account;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.account.ActivationOutcome;
import io.cardstore.aws.activation.ActivationToken;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where the link in the activation mail leads. */
@Controller
class ActivationController {

	private final Accounts accounts;

	ActivationController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/activate")
	String activate(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String token,
			Model model) {
		ActivationOutcome outcome = (username.isBlank() || token.isBlank()) ? ActivationOutcome.INVALID_TOKEN
				: this.accounts.activate(username, ActivationToken.hash(token));
		model.addAttribute("outcome", outcome);
		return "activation";
	}

}
