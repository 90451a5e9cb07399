package io.cardstore.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id that ties its log lines to the load balancer's: the
 * {@code X-Request-Id} nginx sets (it logs it too), or a new one where nothing in front
 * set one. The id is in the logging context ({@code requestId}) while the request runs,
 * so every line it logs carries it, and it goes back in the response. An id that is not a
 * short run of letters, digits and dashes is replaced: whoever sends the header must not
 * write into the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String LOGGING_KEY = "requestId";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = (given != null && WELL_FORMED.matcher(given).matches()) ? given
				: UUID.randomUUID().toString().replace("-", "");
		response.setHeader(HEADER, id);
		MDC.put(LOGGING_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(LOGGING_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// The error page's log lines belong to the same request.
		return false;
	}

}
