package io.cardstore.web.card;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PriceTests {

	@Test
	void readsDigitsWithUpToTwoDecimals() {
		assertThat(Price.parse("12.5").priceCents()).isEqualTo(1250);
		assertThat(Price.parse(" 0.01 ").priceCents()).isEqualTo(1);
		assertThat(Price.parse("7").priceCents()).isEqualTo(700);
		assertThat(Price.parse("1000000.00").priceCents()).isEqualTo(Price.MAX_CENTS);
		assertThat(Price.parse("12,50").priceCents()).as("as German writes it").isEqualTo(1250);
	}

	@Test
	void refusesAnythingElseWithOneMessage() {
		for (String bad : new String[] { null, "", "0", "0.00", "-1", "+1", "1.234", "1e3", "1E+10000000", "1,234,5",
				"1.234,50", "1,2.3", "1000000.01", "10000000", "１２", "NaN", "Infinity", "0x10", "1_000" }) {
			assertThatIllegalArgumentException().as(String.valueOf(bad))
				.isThrownBy(() -> Price.parse(bad))
				.withMessage(Price.MESSAGE);
		}
	}

}
