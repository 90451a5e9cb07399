package io.cardstore.session;

import java.io.IOException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a quick 503, with a short page and no stack trace, when Redis cannot be reached:
 * without the session store no request can be served, and the load balancer should see that
 * plainly. Sits outside Spring Session's filter, which is where the failure surfaces. Service
 * resumes on its own once Redis answers again.
 */
class SessionStoreUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SessionStoreUnavailableFilter.class);

	static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unavailable</title></head>"
			+ "<body><h1>Temporarily unavailable</h1><p>Please try again in a moment.</p></body></html>";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!isSessionStoreFailure(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Redis is unreachable; answered " + request.getMethod() + " " + request.getRequestURI()
					+ " with 503: " + rootMessage(ex));
			response.resetBuffer();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader("Retry-After", "5");
			response.setContentType("text/html;charset=UTF-8");
			response.getWriter().write(PAGE);
		}
	}

	/**
	 * Whether Redis could not be reached or did not answer in time. An error Redis answered
	 * (a key of the wrong type, say) is not an outage: it must not turn the replica into one that
	 * the load balancer takes out of rotation.
	 */
	static boolean isSessionStoreFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// Spring Data Redis's and Lettuce's own, for Spring Session's repository; a plain RedisException is
			// what a disconnected Lettuce client answers ("Currently not connected"). Nothing else's failures:
			// a database timeout elsewhere in the application is not the session store's.
			if (cause instanceof SessionStoreUnavailableException || cause instanceof RedisConnectionFailureException
					|| cause instanceof RedisConnectionException || cause instanceof RedisCommandTimeoutException
					|| cause.getClass() == RedisException.class) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
