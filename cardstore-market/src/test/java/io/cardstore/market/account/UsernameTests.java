package io.cardstore.market.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsernameTests {

	@ParameterizedTest
	@ValueSource(strings = { "ada", "ada-lovelace", "a_1", "0zero", "abcdefghijklmnopqrstuvwxyz0123" })
	void namesOfThreeToThirtyLowercaseLettersDigitsHyphensAndUnderscoresAreUserNames(String name) {
		assertThat(Username.isWellFormed(name)).isTrue();
		assertThat(new Username(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ab", "Ada", "-ada", "_ada", "ada lovelace", "ada@example",
			"abcdefghijklmnopqrstuvwxyz01234", "ädä", "ada\n" })
	void anythingElseIsRefusedBeforeItReachesATable(String name) {
		assertThat(Username.isWellFormed(name)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new Username(name));
	}

	@Test
	void noNameIsNoUserName() {
		assertThat(Username.isWellFormed(null)).isFalse();
	}

}
