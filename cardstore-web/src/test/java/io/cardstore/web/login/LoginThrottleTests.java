package io.cardstore.web.login;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LoginThrottleTests {

	@Test
	void attemptsAreRememberedLongerThanTheLongestWait() {
		assertThatNoException().isThrownBy(() -> throttle(Duration.ofMinutes(15), Duration.ofHours(24)));
		// Else the free attempts would come back each time the longest wait ends.
		assertThatIllegalArgumentException().isThrownBy(() -> throttle(Duration.ofMinutes(15), Duration.ofMinutes(15)))
			.withMessageContaining("cardstore.login.window (PT15M) must be longer than cardstore.login.max-delay");
	}

	private static LoginThrottle throttle(Duration maxDelay, Duration window) {
		return new LoginThrottle(null, new LoginThrottle.Settings(5, 50, Duration.ofSeconds(1), maxDelay, window), null,
				Clock.systemUTC());
	}

}
