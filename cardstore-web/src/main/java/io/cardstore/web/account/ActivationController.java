package io.cardstore.web.account;

import java.util.Map;
import java.util.Objects;

import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.ActivationOutcome;
import io.cardstore.market.account.Username;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the link in the activation mail leads. Opening it changes nothing: it shows one
 * button that activates the account with a POST. Mail systems that open every link to
 * scan it would otherwise use the link up before its reader does.
 */
@Controller
class ActivationController {

	private final Accounts accounts;

	ActivationController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/activate")
	ModelAndView confirm(@RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String token) {
		return isPlausible(username, token)
				? new ModelAndView("activation",
						Map.of("username", username, "token", token, "languageQuery", linkQuery(username, token)))
				: linkFailed();
	}

	@PostMapping("/activate")
	ModelAndView activate(@RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String token) {
		ActivationOutcome outcome = isPlausible(username, token) ? this.accounts.activate(username, token)
				: ActivationOutcome.INVALID_TOKEN;
		return (outcome == ActivationOutcome.ACTIVATED) ? new ModelAndView("activation") : linkFailed();
	}

	private static boolean isPlausible(String username, String token) {
		return Username.isWellFormed(username) && !token.isBlank() && token.length() <= 64;
	}

	/**
	 * The one answer to every activation or reset link that does not work, whatever the
	 * reason: a link says nothing about which accounts exist or what state they are in.
	 */
	static ModelAndView linkFailed() {
		return new ModelAndView("link-failed", HttpStatus.BAD_REQUEST);
	}

	/**
	 * The query of a link from a mail, encoded, for the language switch of the page it
	 * opens: a reader who changes the language keeps the link.
	 */
	static String linkQuery(String username, String token) {
		// A builder with query parameters builds a query.
		return Objects.requireNonNull(UriComponentsBuilder.newInstance()
			.queryParam("username", "{username}")
			.queryParam("token", "{token}")
			.encode()
			.buildAndExpand(username, token)
			.getQuery());
	}

}
