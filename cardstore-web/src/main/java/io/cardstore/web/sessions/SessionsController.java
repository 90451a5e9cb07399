package io.cardstore.web.sessions;

import java.security.Principal;
import java.time.Instant;

import io.cardstore.session.UserSessions;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's sessions on every replica: see them, end one, or end all but this one.
 * Without a session store (the servlet container's own sessions, as in the benchmark's
 * in-memory baseline) there is nothing to list, and the pages answer 404.
 */
@Controller
class SessionsController {

	private final ObjectProvider<UserSessions> userSessions;

	private final MessageSourceAccessor messages;

	SessionsController(ObjectProvider<UserSessions> userSessions, MessageSourceAccessor messages) {
		this.userSessions = userSessions;
		this.messages = messages;
	}

	private UserSessions sessions() {
		UserSessions sessions = this.userSessions.getIfAvailable();
		if (sessions == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Sessions are not kept in a session store");
		}
		return sessions;
	}

	@GetMapping("/account/sessions")
	String sessions(Principal user, HttpSession current, Model model) {
		Instant now = Instant.now();
		String currentHandle = UserSessions.handle(current.getId());
		model.addAttribute("sessions",
				sessions().list(user.getName())
					.stream()
					.map((session) -> SessionView.of(session, currentHandle, now))
					.toList());
		return "sessions";
	}

	@PostMapping("/account/sessions/revoke")
	String revoke(@RequestParam(defaultValue = "") String session, Principal user, RedirectAttributes redirect) {
		boolean revoked = sessions().revoke(user.getName(), session);
		redirect.addFlashAttribute("message",
				this.messages.getMessage(revoked ? "sessions.ended" : "sessions.no-such-session"));
		return "redirect:/account/sessions";
	}

	@PostMapping("/account/sessions/revoke-others")
	String revokeOthers(Principal user, HttpSession current, RedirectAttributes redirect) {
		int revoked = sessions().revokeAllExcept(user.getName(), current.getId());
		redirect.addFlashAttribute("message",
				this.messages.getMessage("sessions.others-ended", new Object[] { revoked }));
		return "redirect:/account/sessions";
	}

}
