package io.cardstore.market.account;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkTokenTests {

	@Test
	void aTokenCarries256RandomBitsAndIsStoredOnlyAsItsHash() {
		LinkToken token = LinkToken.generate();

		assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
		assertThat(token.hash()).hasSize(64).isEqualTo(LinkToken.hash(token.value())).doesNotContain(token.value());
		assertThat(token.toString()).doesNotContain(token.value());
	}

	@Test
	void tokensDoNotRepeat() {
		Set<String> values = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			values.add(LinkToken.generate().value());
		}
		assertThat(values).hasSize(1000);
	}

}
