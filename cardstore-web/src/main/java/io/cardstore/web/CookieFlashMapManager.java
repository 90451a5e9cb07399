package io.cardstore.web;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.web.keys.SharedSecret;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Flash attributes (the message a page shows after a form's redirect) in a cookie rather
 * than in the session: a form post and its redirect then write nothing to Redis for them,
 * where the session would be written twice (once to add the message, once to remove it)
 * and every other replica told twice. The cookie is HttpOnly, SameSite=Lax, lives as long
 * as a flash attribute (3 minutes), carries text values only, and is signed with an HMAC
 * key the replicas share, so that no message a client did not get from the store is
 * shown.
 */
@Component(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
class CookieFlashMapManager extends AbstractFlashMapManager {

	static final String SIGNING_KEY = "cardstore:flash-signing-key";

	/**
	 * Well under the 4 KB browsers keep per cookie: a flash map that would not fit is
	 * dropped.
	 */
	static final int MAX_COOKIE_LENGTH = 3000;

	private static final Log logger = LogFactory.getLog(CookieFlashMapManager.class);

	private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
	};

	private final SharedSecret signingKey;

	private final JsonMapper json;

	private final String cookieName;

	private final boolean secure;

	/**
	 * @param secure whether the cookie is Secure, with the {@code __Host-} prefix: as the
	 * session cookie is (the production profile)
	 */
	CookieFlashMapManager(StringRedisTemplate redis, Clock clock, JsonMapper json,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
		this.signingKey = new SharedSecret(redis, SIGNING_KEY, clock);
		this.json = json;
		this.secure = secure;
		this.cookieName = secure ? "__Host-FLASH" : "FLASH";
	}

	@Override
	protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		// An error page shows no message, and must not check a signature, whose key may
		// be re-read
		// from Redis: the 503 page of a Redis outage would fail with it.
		if (cookies == null || request.getDispatcherType() == DispatcherType.ERROR) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (this.cookieName.equals(cookie.getName())) {
				return decode(cookie.getValue());
			}
		}
		return null;
	}

	@Override
	protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
		String value = flashMaps.isEmpty() ? "" : encode(flashMaps);
		if (value.length() > MAX_COOKIE_LENGTH) {
			logger.warn("Flash attributes of " + value.length() + " characters do not fit in a cookie; dropped");
			value = "";
		}
		ResponseCookie cookie = ResponseCookie.from(this.cookieName, value)
			.path("/")
			.httpOnly(true)
			.secure(this.secure)
			.sameSite("Lax")
			.maxAge(value.isEmpty() ? Duration.ZERO : Duration.ofSeconds(getFlashMapTimeout()))
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	/** Each client has a cookie of its own: nothing to hold other requests back for. */
	@Override
	protected @Nullable Object getFlashMapsMutex(HttpServletRequest request) {
		return null;
	}

	private String encode(List<FlashMap> flashMaps) {
		List<Entry> entries = new ArrayList<>();
		for (FlashMap flashMap : flashMaps) {
			Map<String, String> attributes = new LinkedHashMap<>();
			flashMap.forEach((name, value) -> {
				if (!(value instanceof String text)) {
					throw new IllegalArgumentException("Flash attribute '" + name + "' is a "
							+ ((value != null) ? value.getClass().getName() : "null")
							+ "; only text travels in the cookie");
				}
				attributes.put(name, text);
			});
			entries.add(new Entry(flashMap.getTargetRequestPath(), flashMap.getTargetRequestParams().toSingleValueMap(),
					flashMap.getExpirationTime(), attributes));
		}
		byte[] payload = this.json.writeValueAsBytes(entries);
		return base64(payload) + "." + base64(this.signingKey.mac().doFinal(payload));
	}

	/** The flash maps of a cookie the store signed, or none for any other value. */
	private @Nullable List<FlashMap> decode(String value) {
		int dot = value.indexOf('.');
		if (value.isEmpty() || value.length() > MAX_COOKIE_LENGTH || dot < 0) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(value.substring(0, dot));
			byte[] signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
			if (!MessageDigest.isEqual(signature, this.signingKey.mac().doFinal(payload))) {
				return null;
			}
			List<FlashMap> flashMaps = new ArrayList<>();
			for (Entry entry : this.json.readValue(payload, ENTRIES)) {
				FlashMap flashMap = new FlashMap();
				flashMap.setTargetRequestPath(entry.path());
				if (entry.params() != null) {
					entry.params().forEach(flashMap::addTargetRequestParam);
				}
				flashMap.setExpirationTime(entry.expires());
				flashMap.putAll(entry.attributes());
				flashMaps.add(flashMap);
			}
			return flashMaps;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * One flash map as the cookie holds it.
	 *
	 * @param path the request path it is for, or {@code null} for any
	 * @param params the request parameters it is for
	 * @param expires when it expires (epoch ms)
	 * @param attributes its attributes, all text
	 */
	record Entry(@Nullable String path, @Nullable Map<String, String> params, long expires,
			Map<String, String> attributes) {
	}

}
