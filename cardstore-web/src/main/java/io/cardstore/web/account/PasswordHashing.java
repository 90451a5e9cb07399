package io.cardstore.web.account;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed: Argon2id for every new hash (OWASP's first choice), while the
 * bcrypt hashes of earlier versions are still accepted, and replaced at the next login
 * (Spring Security asks {@link AccountUserDetailsService} to store the upgraded hash).
 */
public final class PasswordHashing {

	static final String ARGON2 = "argon2";

	private PasswordHashing() {
	}

	/**
	 * @param concurrentHashes how many Argon2 hashes may be computed at once: each takes 16 MiB
	 * of memory, so anonymous login attempts must not be able to start one per request thread
	 */
	public static PasswordEncoder encoder(int concurrentHashes) {
		PasswordEncoder argon2 = new Bounded(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), concurrentHashes);
		return new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2, "bcrypt", new LegacyBCrypt()));
	}

	/**
	 * bcrypt reads at most 72 bytes of a password and Spring Security refuses longer ones with
	 * an exception; such a password cannot have produced a bcrypt hash, so it simply does not
	 * match (rather than failing the login with a 500).
	 */
	static final class LegacyBCrypt extends BCryptPasswordEncoder {

		private static final int MAX_BYTES = 72;

		@Override
		protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
			return rawPassword.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
					&& super.matchesNonNull(rawPassword, encodedPassword);
		}

	}

	/** Lets a limited number of hashes run at once; the others wait their turn. */
	static final class Bounded implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private final Semaphore permits;

		Bounded(PasswordEncoder delegate, int concurrentHashes) {
			this.delegate = delegate;
			this.permits = new Semaphore(concurrentHashes, true);
		}

		@Override
		public String encode(CharSequence rawPassword) {
			this.permits.acquireUninterruptibly();
			try {
				return this.delegate.encode(rawPassword);
			}
			finally {
				this.permits.release();
			}
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.permits.acquireUninterruptibly();
			try {
				return this.delegate.matches(rawPassword, encodedPassword);
			}
			finally {
				this.permits.release();
			}
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return this.delegate.upgradeEncoding(encodedPassword);
		}

	}

}
