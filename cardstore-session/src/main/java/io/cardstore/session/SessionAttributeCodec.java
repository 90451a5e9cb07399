package io.cardstore.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Turns session attributes into the JSON strings of a session's hash fields and back.
 * <p>
 * The security context of a form login, the attribute every authenticated request reads,
 * is kept in a field of its own, {@code auth}, as the user name, the authorities and when
 * each factor was proven:
 * {@code {"user":"alice","authorities":["ROLE_USER"],"factors":{"FACTOR_PASSWORD":1764072000000}}}.
 * It is rebuilt on every read, so no request can change another's copy, and it leaves out
 * what the generic form carries along: the login's address and the session id it
 * replaced. Spring Security's CSRF token is kept as its three strings in {@code csrf}.
 * Every other attribute is written by {@link SessionJsonSerializer}, with its type
 * allow-list, in a field {@code attr:<name>}.
 */
final class SessionAttributeCodec {

	static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

	static final String AUTH_FIELD = "auth";

	/**
	 * Where Spring Security's {@code HttpSessionCsrfTokenRepository} keeps the token by
	 * default.
	 */
	static final String CSRF_TOKEN = "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN";

	static final String CSRF_FIELD = "csrf";

	static final String ATTRIBUTE_PREFIX = "attr:";

	// Named, not imported: Spring Security's web module is the application's choice, not
	// a dependency of this one.
	private static final String CSRF_TOKEN_CLASS = "org.springframework.security.web.csrf.DefaultCsrfToken";

	private static final String WEB_AUTHENTICATION_DETAILS = "org.springframework.security.web.authentication.WebAuthenticationDetails";

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final RedisSerializer<Object> values;

	SessionAttributeCodec(RedisSerializer<Object> values) {
		this.values = values;
	}

	/**
	 * The attribute a hash field holds, or {@code null} for a field that is not an
	 * attribute.
	 */
	static @Nullable String attributeOf(String field) {
		return switch (field) {
			case AUTH_FIELD -> SECURITY_CONTEXT;
			case CSRF_FIELD -> CSRF_TOKEN;
			default -> field.startsWith(ATTRIBUTE_PREFIX) ? field.substring(ATTRIBUTE_PREFIX.length()) : null;
		};
	}

	/**
	 * Every field an attribute of this name may be kept in: its compact one, if any, and
	 * the generic one.
	 */
	static List<String> fieldsOf(String name) {
		return switch (name) {
			case SECURITY_CONTEXT -> List.of(AUTH_FIELD, ATTRIBUTE_PREFIX + name);
			case CSRF_TOKEN -> List.of(CSRF_FIELD, ATTRIBUTE_PREFIX + name);
			default -> List.of(ATTRIBUTE_PREFIX + name);
		};
	}

	StoredAttribute encode(String name, Object value) {
		StoredAuthentication authentication = SECURITY_CONTEXT.equals(name) ? StoredAuthentication.of(value) : null;
		if (authentication != null) {
			return new StoredAttribute(AUTH_FIELD, this.json.writeValueAsString(authentication), authentication);
		}
		if (CSRF_TOKEN.equals(name) && value.getClass().getName().equals(CSRF_TOKEN_CLASS)) {
			// Its JSON is its three strings; the generic form would add the class name
			// and the long field name.
			return new StoredAttribute(CSRF_FIELD, this.json.writeValueAsString(value), value);
		}
		String written = new String(this.values.serialize(value), StandardCharsets.UTF_8);
		return new StoredAttribute(ATTRIBUTE_PREFIX + name, written, isImmutable(value) ? value : null);
	}

	/**
	 * Reads a stored field.
	 * @throws UnreadableValueException when the value cannot be read by this release
	 */
	StoredAttribute decode(String field, String stored) {
		if (AUTH_FIELD.equals(field)) {
			try {
				return new StoredAttribute(field, stored, this.json.readValue(stored, StoredAuthentication.class));
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				throw new UnreadableValueException(field, ex.getMessage());
			}
		}
		if (CSRF_FIELD.equals(field)) {
			try {
				return new StoredAttribute(field, stored, CsrfTokens.read(this.json, stored));
			}
			catch (JacksonException | IllegalArgumentException | LinkageError ex) {
				throw new UnreadableValueException(field, ex.getMessage());
			}
		}
		Object value = readValue(field, stored);
		return new StoredAttribute(field, stored, isImmutable(value) ? value : null);
	}

	/**
	 * The attribute's value for one request: a copy of its own unless the value cannot
	 * change.
	 */
	@Nullable Object valueOf(StoredAttribute attribute) {
		Object shared = attribute.shared();
		if (shared instanceof StoredAuthentication authentication) {
			return authentication.toSecurityContext();
		}
		return (shared != null) ? shared : readValue(attribute.field(), attribute.json());
	}

	private @Nullable Object readValue(String field, String stored) {
		Object value = this.values.deserialize(stored.getBytes(StandardCharsets.UTF_8));
		if (value == SessionJsonSerializer.UNREADABLE) {
			throw new UnreadableValueException(field, "not a value of an allowed type");
		}
		return value;
	}

	/** Only classes known to be immutable: a subclass of Number, say, may well not be. */
	private static boolean isImmutable(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		Class<?> type = value.getClass();
		return IMMUTABLE.contains(type) || type.isEnum() || type.getPackageName().equals("java.time")
				|| type.getName().equals(CSRF_TOKEN_CLASS);
	}

	private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
			Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class);

	/**
	 * Reads the compact CSRF token; only loaded where Spring Security's web module is.
	 */
	private static final class CsrfTokens {

		static Object read(JsonMapper json, String stored) {
			JsonNode token = json.readTree(stored);
			return new DefaultCsrfToken(text(token, "headerName"), text(token, "parameterName"), text(token, "token"));
		}

		private static String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			if (value == null || !value.isString() || value.asString().isEmpty()) {
				throw new IllegalArgumentException("no " + field);
			}
			return value.asString();
		}

	}

	/**
	 * A stored field: its name, its JSON, and the decoded value when requests can share
	 * it.
	 */
	record StoredAttribute(String field, String json, @Nullable Object shared) {
	}

	static final class UnreadableValueException extends RuntimeException {

		UnreadableValueException(String field, @Nullable String reason) {
			super("field '" + field + "': " + reason);
		}

	}

	/**
	 * What a form login's security context holds, in the compact form kept in Redis.
	 *
	 * @param user the user name
	 * @param authorities the granted authorities other than factors
	 * @param factors each proven factor with when it was proven (epoch milliseconds)
	 */
	record StoredAuthentication(String user, List<String> authorities, Map<String, Long> factors) {

		StoredAuthentication {
			if (user == null || user.isEmpty()) {
				throw new IllegalArgumentException("no user name");
			}
			authorities = (authorities != null) ? List.copyOf(authorities) : List.of();
			factors = (factors != null) ? Map.copyOf(factors) : Map.of();
			factors.values().forEach(Objects::requireNonNull);
		}

		/**
		 * The compact form of this value, or {@code null} when it is not a plain form
		 * login.
		 */
		static @Nullable StoredAuthentication of(Object value) {
			if (value == null || value.getClass() != SecurityContextImpl.class) {
				return null;
			}
			Authentication authentication = ((SecurityContext) value).getAuthentication();
			if (authentication == null || authentication.getClass() != UsernamePasswordAuthenticationToken.class
					|| !authentication.isAuthenticated() || authentication.getCredentials() != null
					|| !(authentication.getDetails() == null
							|| authentication.getDetails().getClass().getName().equals(WEB_AUTHENTICATION_DETAILS))
					|| !(authentication.getPrincipal() instanceof User user) || user.getClass() != User.class
					|| !user.isEnabled() || !user.isAccountNonLocked()) {
				return null;
			}
			List<String> authorities = new ArrayList<>();
			Map<String, Long> factors = new LinkedHashMap<>();
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				if (authority instanceof FactorGrantedAuthority factor) {
					factors.put(factor.getAuthority(), factor.getIssuedAt().toEpochMilli());
				}
				else if (authority.getClass() == SimpleGrantedAuthority.class) {
					authorities.add(authority.getAuthority());
				}
				else {
					return null;
				}
			}
			return new StoredAuthentication(user.getUsername(), authorities, factors);
		}

		SecurityContext toSecurityContext() {
			List<GrantedAuthority> granted = new ArrayList<>();
			this.authorities.forEach((authority) -> granted.add(new SimpleGrantedAuthority(authority)));
			this.factors.forEach((factor, issuedAt) -> granted
				.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(Instant.ofEpochMilli(issuedAt)).build()));
			User principal = new User(this.user, "", granted);
			return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(principal, null, granted));
		}

	}

}
