package io.cardstore.session;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

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
 * Answers a quick 503, with the application's error page (or problem document) and no
 * stack trace, when Redis cannot be reached: without the session store no request can be
 * served, and the load balancer should see that plainly. Sits outside Spring Session's
 * filter, which is where the failure surfaces. The 503 page must not ask for the session,
 * which would ask Redis again: a static {@code error/503.html} (Thymeleaf asks for the
 * session on every rendering), and no request-handled events
 * ({@link SessionDefaultsEnvironmentPostProcessor}). Service resumes on its own once
 * Redis answers again.
 */
class SessionStoreUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SessionStoreUnavailableFilter.class);

	private final LongAdder answered = new LongAdder();

	/** Requests answered 503 so far. */
	long answered() {
		return this.answered.sum();
	}

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
			response.setHeader("Retry-After", "5");
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			this.answered.increment();
		}
	}

	/**
	 * Whether Redis could not be reached or did not answer in time. An error Redis
	 * answered (a key of the wrong type, say) is not an outage: it must not turn the
	 * replica into one that the load balancer takes out of rotation.
	 */
	static boolean isSessionStoreFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// Spring Data Redis's and Lettuce's own, for Spring Session's repository; a
			// plain RedisException is
			// what a disconnected Lettuce client answers ("Currently not connected").
			// Nothing else's failures:
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
