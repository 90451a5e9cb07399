package io.cardstore.web.login;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed: Argon2id for every new hash (OWASP's first choice), while the
 * bcrypt hashes of earlier versions are still accepted, and replaced at the next login
 * (Spring Security asks {@link AccountUserDetailsService} to store the upgraded hash).
 */
final class PasswordHashing {

	static final String ARGON2 = "argon2";

	private PasswordHashing() {
	}

	/**
	 * An encoder that computes a limited number of hashes at once (an Argon2 one takes 16
	 * MiB of memory and a core for about 0.1 s, so anonymous login attempts must not be
	 * able to start one per request thread), and refuses to wait long for its turn: a
	 * login that would have to queue is answered at once with
	 * {@link HashingBusyException} and holds no thread.
	 */
	public static PasswordEncoder encoder(Settings settings, MeterRegistry meters) {
		int permits = (settings.concurrentHashes() > 0) ? settings.concurrentHashes()
				: 2 * Runtime.getRuntime().availableProcessors();
		// Every hash takes a turn, bcrypt ones of earlier versions too.
		Bounded bounded = new Bounded(
				new DelegatingPasswordEncoder(ARGON2,
						Map.of(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
								new LegacyBCrypt())),
				permits, settings.maxWait(),
				Timer.builder("cardstore.login.hashing.wait")
					.description("How long a hash waited for its turn (refused ones included)")
					.register(meters));
		Gauge.builder("cardstore.login.hashing.waiting", bounded.permits, Semaphore::getQueueLength)
			.description("Hashes waiting for their turn now")
			.register(meters);
		return bounded;
	}

	/**
	 * @param concurrentHashes How many Argon2 hashes may be computed at once; 0 for twice
	 * the number of processors.
	 * @param maxWait How long a login or password change may wait for its turn to hash
	 * before it is refused with 503 and Retry-After.
	 */
	@ConfigurationProperties("cardstore.password-hashing")
	public record Settings(@DefaultValue("0") int concurrentHashes, @DefaultValue("250ms") Duration maxWait) {
	}

	/**
	 * bcrypt reads at most 72 bytes of a password and Spring Security refuses longer ones
	 * with an exception; such a password cannot have produced a bcrypt hash, so it simply
	 * does not match (rather than failing the login with a 500).
	 */
	static final class LegacyBCrypt extends BCryptPasswordEncoder {

		private static final int MAX_BYTES = 72;

		@Override
		protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
			return rawPassword.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
					&& super.matchesNonNull(rawPassword, encodedPassword);
		}

	}

	/**
	 * Lets a limited number of hashes run at once; the others wait their turn, briefly.
	 */
	static final class Bounded implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private final Semaphore permits;

		private final Duration maxWait;

		private final Timer waits;

		Bounded(PasswordEncoder delegate, int concurrentHashes, Duration maxWait, Timer waits) {
			this.delegate = delegate;
			this.permits = new Semaphore(concurrentHashes, true);
			this.maxWait = maxWait;
			this.waits = waits;
		}

		@Override
		public @Nullable String encode(@Nullable CharSequence rawPassword) {
			acquire();
			try {
				return this.delegate.encode(rawPassword);
			}
			finally {
				this.permits.release();
			}
		}

		@Override
		public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
			acquire();
			try {
				return this.delegate.matches(rawPassword, encodedPassword);
			}
			finally {
				this.permits.release();
			}
		}

		private void acquire() {
			long waiting = System.nanoTime();
			try {
				if (!this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
					throw new HashingBusyException();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HashingBusyException();
			}
			finally {
				this.waits.record(System.nanoTime() - waiting, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public boolean upgradeEncoding(@Nullable String encodedPassword) {
			return this.delegate.upgradeEncoding(encodedPassword);
		}

	}

}
