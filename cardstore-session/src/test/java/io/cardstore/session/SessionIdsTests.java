package io.cardstore.session;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTests {

	@Test
	void anIdIs256BitsInUnpaddedBase64Url() {
		String id = SessionIds.next();

		assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
	}

	@Test
	void idsDoNotRepeat() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(SessionIds.next());
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void onlyTheShapeOfAnIdIsWellFormed() {
		String id = SessionIds.next();

		assertThat(SessionIds.isWellFormed(id)).isTrue();
		assertThat(SessionIds.isWellFormed(null)).isFalse();
		assertThat(SessionIds.isWellFormed("")).isFalse();
		assertThat(SessionIds.isWellFormed(id.substring(1))).isFalse();
		assertThat(SessionIds.isWellFormed(id + "A")).isFalse();
		assertThat(SessionIds.isWellFormed(UUID.randomUUID().toString())).isFalse();
		assertThat(SessionIds.isWellFormed("expires:" + id.substring(8))).isFalse();
		assertThat(SessionIds.isWellFormed(id.substring(0, 42) + "}")).isFalse();
		assertThat(SessionIds.isWellFormed(id.substring(0, 42) + "=")).isFalse();
	}

	@Test
	void aLogShowsOnlyTheStartOfAnId() {
		assertThat(SessionIds.abbreviate("abcdefghijklmnop")).isEqualTo("abcdefgh…");
	}

}
