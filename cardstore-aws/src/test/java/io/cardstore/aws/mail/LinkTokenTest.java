package io.cardstore.aws.activation;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationTokenTest {

	@Test
	void aTokenCarries256RandomBitsAndIsStoredOnlyAsItsHash() {
		ActivationToken token = ActivationToken.generate();

		assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
		assertThat(token.hash()).hasSize(64).isEqualTo(ActivationToken.hash(token.value())).doesNotContain(token.value());
		assertThat(token.toString()).doesNotContain(token.value());
	}

	@Test
	void tokensDoNotRepeat() {
		Set<String> values = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			values.add(ActivationToken.generate().value());
		}
		assertThat(values).hasSize(1000);
	}

	@Test
	void theLinkEncodesWhatItCarries() {
		assertThat(ActivationMail.link("https://cards.example.com", "ann+bob", "abc-_").toString())
			.isEqualTo("https://cards.example.com/activate?username=ann%2Bbob&token=abc-_");
	}

}
