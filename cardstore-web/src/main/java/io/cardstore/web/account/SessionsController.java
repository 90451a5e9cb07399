package io.cardstore.web.account;

import java.security.Principal;

import io.cardstore.session.UserSessions;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's sessions on every replica: see them, end one, or end all but this one. */
@Controller
class SessionsController {

	private final UserSessions sessions;

	SessionsController(UserSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/account/sessions")
	String sessions(Principal user, HttpSession current, Model model) {
		model.addAttribute("sessions", this.sessions.list(user.getName()));
		model.addAttribute("currentId", current.getId());
		return "sessions";
	}

	@PostMapping("/account/sessions/revoke")
	String revoke(@RequestParam String id, Principal user, RedirectAttributes redirect) {
		boolean revoked = this.sessions.revoke(user.getName(), id);
		redirect.addFlashAttribute("message", revoked ? "The session is ended." : "No such session.");
		return "redirect:/account/sessions";
	}

	@PostMapping("/account/sessions/revoke-others")
	String revokeOthers(Principal user, HttpSession current, RedirectAttributes redirect) {
		int revoked = this.sessions.revokeAllExcept(user.getName(), current.getId());
		redirect.addFlashAttribute("message", revoked + " other session(s) ended.");
		return "redirect:/account/sessions";
	}

}
