package io.cardstore.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedSessionMapperTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final GuardedSessionMapper mapper = new GuardedSessionMapper(Duration.ofHours(12),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsAStoredSessionWhoseNumbersJsonReadAsIntegers() {
		Map<String, Object> stored = stored(NOW.minus(Duration.ofHours(1)));
		stored.put("lastAccessedTime", 5);

		MapSession session = this.mapper.apply("id-1", stored);

		assertThat(session.getCreationTime()).isEqualTo(NOW.minus(Duration.ofHours(1)));
		assertThat(session.getLastAccessedTime()).isEqualTo(Instant.ofEpochMilli(5));
		assertThat(session.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
		assertThat((String) session.getAttribute("name")).isEqualTo("value");
	}

	@Test
	void aSessionOlderThanItsAbsoluteLifetimeIsAbsent() {
		assertThat(this.mapper.apply("id-1", stored(NOW.minus(Duration.ofHours(12))))).isNull();
		assertThat(this.mapper.apply("id-1", stored(NOW.minus(Duration.ofHours(12)).plusMillis(1)))).isNotNull();
	}

	@Test
	void aSessionWithAnUnreadableValueIsAbsent() {
		Map<String, Object> stored = stored(NOW);
		stored.put("sessionAttr:SPRING_SECURITY_CONTEXT", SessionJsonSerializer.UNREADABLE);

		assertThat(this.mapper.apply("id-1", stored)).isNull();
	}

	@Test
	void aSessionMissingItsTimesIsAbsent() {
		Map<String, Object> stored = stored(NOW);
		stored.remove("creationTime");

		assertThat(this.mapper.apply("id-1", stored)).isNull();
	}

	private static Map<String, Object> stored(Instant createdAt) {
		Map<String, Object> stored = new HashMap<>();
		stored.put("creationTime", createdAt.toEpochMilli());
		stored.put("lastAccessedTime", createdAt.toEpochMilli());
		stored.put("maxInactiveInterval", 1800);
		stored.put("sessionAttr:name", "value");
		return stored;
	}

}
