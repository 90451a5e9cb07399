package io.cardstore.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most two session cookies reach Spring Session's filter, which looks every one
 * up in turn, and again when it saves: without a limit, one request whose header carries
 * a hundred forged ids would cost Redis a few hundred reads. A browser sends one, or two
 * while an old cookie of another path lingers.
 */
class SessionCookieLimitFilter extends OncePerRequestFilter {

	static final int MAX_SESSION_COOKIES = 2;

	private final String cookieName;

	SessionCookieLimitFilter(String cookieName) {
		this.cookieName = cookieName;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Cookie[] cookies = request.getCookies();
		if (cookies == null || cookies.length <= MAX_SESSION_COOKIES) {
			chain.doFilter(request, response);
			return;
		}
		List<Cookie> kept = new ArrayList<>();
		Set<String> sessionIds = new LinkedHashSet<>();
		for (Cookie cookie : cookies) {
			if (!this.cookieName.equals(cookie.getName())) {
				kept.add(cookie);
			}
			else if (sessionIds.size() < MAX_SESSION_COOKIES && sessionIds.add(cookie.getValue())) {
				kept.add(cookie);
			}
		}
		Cookie[] limited = kept.toArray(Cookie[]::new);
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public Cookie[] getCookies() {
				return limited.clone();
			}
		}, response);
	}

}
