package io.cardstore.market.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The token of an activation or password reset link: 256 random bits for the link in the
 * mail. Only its hash is stored, so a copy of the table activates nobody and resets
 * nothing.
 *
 * @param value the token, sent in the mail and never stored
 * @param hash its SHA-256, stored
 */
public record LinkToken(String value, String hash) {

	private static final SecureRandom random = new SecureRandom();

	public static LinkToken generate() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new LinkToken(value, hash(value));
	}

	/** The hash a token is stored under. */
	public static String hash(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "LinkToken[hash=" + this.hash + "]";
	}

}
