package io.cardstore.session;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal secured application on top of cardstore-session: form login, logout and two
 * endpoints that tell who the request belongs to. Every user name is valid, with the
 * password {@code <name>-password}, so that each test can use users of its own.
 */
@SpringBootApplication
public class SessionTestApplication {

	@Bean
	SecurityFilterChain security(HttpSecurity http) {
		return http
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/whoami", "/csrf", "/remember", "/recall", "/forget")
						.permitAll()
						.anyRequest()
						.authenticated())
			.formLogin(Customizer.withDefaults())
			.logout(Customizer.withDefaults())
			.build();
	}

	@Bean
	UserDetailsService users() {
		return username -> User.withUsername(username)
			.password("{noop}" + username + "-password")
			.roles("USER")
			.build();
	}

	@RestController
	static class WhoAmI {

		@GetMapping("/whoami")
		String whoami(Principal principal) {
			return (principal != null) ? principal.getName() : "anonymous";
		}

		@GetMapping("/csrf")
		String csrf(CsrfToken token) {
			return token.getToken();
		}

		/**
		 * Stores a value in the session: a request that changes the session (a GET, to
		 * keep tests short).
		 */
		@GetMapping("/remember")
		String remember(@RequestParam String name, @RequestParam String value, HttpSession session) {
			session.setAttribute(name, value);
			return "ok";
		}

		@GetMapping("/forget")
		String forget(@RequestParam String name, HttpSession session) {
			session.removeAttribute(name);
			return "ok";
		}

		@GetMapping("/recall")
		String recall(@RequestParam String name, HttpSession session) {
			Object value = session.getAttribute(name);
			return (value != null) ? value.toString() : "";
		}

	}

}
