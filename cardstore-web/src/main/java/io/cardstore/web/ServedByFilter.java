package io.cardstore.web;

import java.io.IOException;

import io.cardstore.session.InstanceId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells, on every response, which instance served it: the way to watch a load balancer
 * spread requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServedByFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Served-By";

	private final InstanceId instanceId;

	ServedByFilter(InstanceId instanceId) {
		this.instanceId = instanceId;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.instanceId.value());
		chain.doFilter(request, response);
	}

}
