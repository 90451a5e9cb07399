package io.cardstore.web.login;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cardstore.market.account.Accounts;
import io.cardstore.market.upload.CardImageUploads;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Form login for pages and the same session for the JSON API, CSRF on every
 * state-changing request, a new session id at login, and login throttling shared by all
 * replicas.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LoginThrottle.Settings.class, PasswordHashing.Settings.class })
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users,
			UserDetailsPasswordService passwordUpgrades, PasswordEncoder passwords, LoginThrottle throttle,
			JsonMapper json, ObjectProvider<CardImageUploads> uploads,
			ObjectProvider<AuthenticationEventPublisher> events, MeterRegistry meters,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) {
		DaoAuthenticationProvider accounts = new DaoAuthenticationProvider(users);
		accounts.setPasswordEncoder(passwords);
		accounts.setUserDetailsPasswordService(passwordUpgrades);
		// The password is checked whatever the account's state, and the state after it: a
		// login as
		// a new or disabled account takes as long as any other, and tells nothing of the
		// state to
		// whoever does not know the password.
		accounts.setPreAuthenticationChecks(user -> {
		});
		accounts.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
		failure.setDefaultFailureUrl("/?error");
		failure.setExceptionMappings(Map.of(LockedException.class.getName(), "/?error=throttled"));
		// The page says what went wrong from its query string: a failed login starts no
		// session.
		failure.setAllowSessionCreation(false);
		ProviderManager logins = new ProviderManager(new ThrottledAuthenticationProvider(accounts, throttle, meters));
		// Spring Boot's publisher, so that successes and failures still reach listeners
		// (audit, metrics).
		events.ifAvailable(logins::setAuthenticationEventPublisher);
		SimpleUrlAuthenticationSuccessHandler toDashboard = new SimpleUrlAuthenticationSuccessHandler("/dashboard");
		toDashboard.setAlwaysUseDefaultTargetUrl(true);
		LinkedHashMap<Class<? extends AuthenticationException>, AuthenticationFailureHandler> busy = new LinkedHashMap<>();
		busy.put(HashingBusyException.class, (request, response, exception) -> {
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(HashingBusyException.RETRY_AFTER_SECONDS));
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), exception.getMessage());
		});
		return http
			.authorizeHttpRequests(
					requests -> requests
						.requestMatchers("/", "/register", "/activate", "/css/**", "/js/**", "/images/**",
								"/favicon.ico", "/error", "/password/forgot", "/password/reset", "/actuator/health/**",
								"/actuator/info", "/actuator/prometheus")
						.permitAll()
						.anyRequest()
						.authenticated())
			// No session before one is needed: anonymous pages and forms keep their CSRF
			// token in a
			// cookie, and a visit to a protected page is not remembered (login always
			// leads to the
			// dashboard). A crawler then creates nothing in Redis.
			.csrf(csrf -> csrf.csrfTokenRepository(anonymousFriendlyCsrfTokens(secureCookies)))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(uploads.getIfAvailable())))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			// The only way to log in, with no parent to fall back on: one password hash
			// per attempt,
			// where Spring Security would try the user details service again with a
			// second one.
			.authenticationManager(logins)
			.formLogin(login -> login.loginPage("/")
				.loginProcessingUrl("/login")
				.successHandler((request, response, authentication) -> {
					CredentialRecheckFilter.loggedIn(request, authentication);
					toDashboard.onAuthenticationSuccess(request, response, authentication);
				})
				.failureHandler(new DelegatingAuthenticationFailureHandler(busy, failure)))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?logout"))
			.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(apiEntryPoint(json),
					PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
			.build();
	}

	/**
	 * Scripts, styles and everything else from the store itself only, no inline script;
	 * images and uploads also to and from the bucket's (or the CDN's) origin, and
	 * previews of a chosen file ({@code blob:}); no framing, no form posted elsewhere.
	 */
	static String contentSecurityPolicy(@Nullable CardImageUploads uploads) {
		String images = (uploads != null) ? " " + String.join(" ", uploads.browserOrigins()) : "";
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:" + images
				+ "; connect-src 'self'" + images
				+ "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

	/**
	 * The CSRF token in an HttpOnly, SameSite=Lax cookie rather than in the session;
	 * where the session cookie is Secure (the production profile), so is this one, with
	 * the __Host- prefix.
	 */
	private static CookieCsrfTokenRepository anonymousFriendlyCsrfTokens(boolean secure) {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		if (secure) {
			tokens.setCookieName("__Host-XSRF-TOKEN");
		}
		tokens.setCookieCustomizer(cookie -> {
			cookie.httpOnly(true).sameSite("Lax");
			if (secure) {
				cookie.secure(true);
			}
		});
		return tokens;
	}

	@Bean
	PasswordEncoder passwordEncoder(PasswordHashing.Settings settings, MeterRegistry meters) {
		return PasswordHashing.encoder(settings, meters);
	}

	/**
	 * Around Spring Session's filter, so that it runs once a login's session is stored;
	 * off without a session store (the servlet container's own sessions end with the
	 * replica).
	 */
	@Bean
	FilterRegistrationBean<CredentialRecheckFilter> credentialRecheckFilter(Accounts accounts,
			ObjectProvider<SessionRepository<?>> sessions) {
		SessionRepository<?> store = sessions.getIfAvailable();
		FilterRegistrationBean<CredentialRecheckFilter> registration = new FilterRegistrationBean<>(
				new CredentialRecheckFilter(accounts, store));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
		registration.setEnabled(store != null);
		return registration;
	}

	@Bean
	CounterKeys counterKeys(StringRedisTemplate redis, Clock clock) {
		return new CounterKeys(redis, clock);
	}

	@Bean
	LoginThrottle loginThrottle(StringRedisTemplate redis, LoginThrottle.Settings settings, CounterKeys keys,
			Clock clock) {
		return new LoginThrottle(redis, settings, keys, clock);
	}

	/**
	 * The API answers an anonymous call with 401 and a problem detail, not a redirect to
	 * the login page.
	 */
	private static AuthenticationEntryPoint apiEntryPoint(JsonMapper json) {
		return (request, response, exception) -> {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "title", "Unauthorized", "status",
					401, "detail", "Log in to use the API.", "instance", request.getRequestURI()));
		};
	}

}
