package io.cardstore.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 256 bits from {@link SecureRandom}, written in unpadded base64url (43
 * characters), so a cookie carries them as they are. Anything else a browser sends is no
 * session id and never reaches Redis.
 */
final class SessionIds {

	static final int LENGTH = 43;

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private SessionIds() {
	}

	static String next() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return encoder.encodeToString(bytes);
	}

	static boolean isWellFormed(String candidate) {
		if (candidate == null || candidate.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = candidate.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	/** Session ids are bearer credentials: logs show only their first characters. */
	static String abbreviate(String sessionId) {
		return sessionId.substring(0, Math.min(8, sessionId.length())) + "…";
	}

}
