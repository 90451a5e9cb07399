package io.cardstore.web.account;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.account.ActivationOutcome;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Where the link in the activation mail leads. */
@Controller
class ActivationController {

	private final Accounts accounts;

	ActivationController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/activate")
	ModelAndView activate(@RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String token) {
		ActivationOutcome outcome = (token.isBlank() || token.length() > 64) ? ActivationOutcome.INVALID_TOKEN
				: this.accounts.activate(username, token);
		return (outcome == ActivationOutcome.ACTIVATED) ? new ModelAndView("activation") : linkFailed();
	}

	/**
	 * The one answer to every activation or reset link that does not work, whatever the
	 * reason: a link says nothing about which accounts exist or what state they are in.
	 */
	static ModelAndView linkFailed() {
		return new ModelAndView("link-failed", HttpStatus.BAD_REQUEST);
	}

}
