package io.cardstore.infra;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The expression Tomcat trusts forwarded headers from matches the given blocks and
 * nothing else.
 */
class InternalProxiesTests {

	@Test
	void matchesTheAddressesOfTheBlocksOnly() {
		String expression = InternalProxies.matching(List.of("10.0.0.0/24", "10.0.1.0/24"));

		assertThat(expression).isEqualTo("10\\.0\\.0\\.\\d{1,3}|10\\.0\\.1\\.\\d{1,3}");
		Pattern pattern = Pattern.compile(expression);
		assertThat(List.of("10.0.0.0", "10.0.0.9", "10.0.1.254"))
			.allMatch((address) -> pattern.matcher(address).matches());
		assertThat(List.of("10.0.2.9", "10.0.10.9", "110.0.0.9", "10.0.0.9.9", "10a0b0c9", "::1"))
			.noneMatch((address) -> pattern.matcher(address).matches());
	}

	@Test
	void wholeOctetBlocksOfAnyLength() {
		assertThat(InternalProxies.matching(List.of("10.0.0.0/16"))).isEqualTo("10\\.0\\.\\d{1,3}\\.\\d{1,3}");
		assertThat(InternalProxies.matching(List.of("172.16.5.7/32"))).isEqualTo("172\\.16\\.5\\.7");
	}

	@Test
	void blocksThatAreNotWholeOctetsAreRefusedRatherThanWidened() {
		assertThatIllegalArgumentException().isThrownBy(() -> InternalProxies.matching(List.of("10.0.0.0/20")));
		assertThatIllegalArgumentException().isThrownBy(() -> InternalProxies.matching(List.of("10.0.0.0/0")));
		assertThatIllegalArgumentException().isThrownBy(() -> InternalProxies.matching(List.of()));
	}

}
