package io.cardstore.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are stored as JSON a person can read with {@code redis-cli}, survive fields a
 * later release adds, and a session that cannot be read is no session: an anonymous
 * request, never an error.
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cardstore.session.instance-id=json-instance")
@ContextConfiguration(initializers = SharedRedisInitializer.class)
class JsonSessionStorageIT {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void theStoredSessionIsReadableJson() {
		Browser browser = new Browser("Firefox/140");
		browser.login(this.port, "jason");

		Map<Object, Object> stored = this.redis.opsForHash().entries(key(browser.sessionId()));

		JsonNode auth = JsonMapper.shared().readTree((String) stored.get("auth"));
		assertThat(auth.get("user").asString()).isEqualTo("jason");
		assertThat(auth.get("authorities").toString()).contains("ROLE_USER");
		assertThat(stored.get("attr:cardstore.userAgent")).isEqualTo("\"Firefox/140\"");
		assertThat(stored.get("attr:cardstore.createdBy")).isEqualTo("\"json-instance\"");
		assertThat(stored.get("created").toString()).matches("\\d+");
		assertThat(this.redis.getExpire(key(browser.sessionId()))).as("expires by Redis TTL").isPositive();
	}

	@Test
	void aSessionWithAFieldThisReleaseDoesNotKnowStillLoads() {
		Map<Object, Object> stored = loggedInSession("newer");
		String auth = (String) stored.get("auth");

		String copy = storeCopy(stored,
				Map.of("auth", auth.replaceFirst("\\{", "{\"riskScore\":0.2,"), "addedLater", "{\"any\":1}"));

		assertThat(new Browser("Firefox").withSession(copy).whoami(this.port)).isEqualTo("newer");
	}

	@Test
	void aCorruptedSessionIsAnAnonymousRequestNotAnError() {
		Map<Object, Object> stored = loggedInSession("corrupted");

		String copy = storeCopy(stored, Map.of("auth", "{\"user\":"));

		Browser holder = new Browser("Firefox").withSession(copy);
		assertThat(holder.whoami(this.port)).isEqualTo("anonymous");
		assertThat(holder.get(this.port, "/protected").statusCode()).as("a protected page sends to the login")
			.isEqualTo(302);
	}

	@Test
	void aSessionMissingARequiredFieldOrWithAWrongNumberIsAbsent() {
		Map<Object, Object> stored = loggedInSession("incomplete");

		Map<Object, Object> withoutCreation = new HashMap<>(stored);
		withoutCreation.remove("created");
		String missing = storeCopy(withoutCreation, Map.of());
		String wrongNumber = storeCopy(stored, Map.of("idle", "thirty minutes"));
		String outOfRange = storeCopy(stored, Map.of("idle", Long.toString(Long.MAX_VALUE)));
		String nullAuthority = storeCopy(stored, Map.of("auth", "{\"user\":\"x\",\"authorities\":[null]}"));
		String nullFactor = storeCopy(stored,
				Map.of("auth", "{\"user\":\"x\",\"factors\":{\"FACTOR_PASSWORD\":null}}"));

		for (String id : new String[] { missing, wrongNumber, outOfRange, nullAuthority, nullFactor }) {
			assertThat(new Browser("Firefox").withSession(id).whoami(this.port)).isEqualTo("anonymous");
		}
	}

	@Test
	void aSessionOfATypeOutsideTheAllowListIsNotLoaded() {
		Map<Object, Object> stored = loggedInSession("gadget");

		String copy = storeCopy(stored,
				Map.of("attr:payload", "[\"javax.management.BadAttributeValueExpException\",{}]"));

		assertThat(new Browser("Firefox").withSession(copy).whoami(this.port)).isEqualTo("anonymous");
	}

	private Map<Object, Object> loggedInSession(String user) {
		Browser browser = new Browser("Firefox");
		browser.login(this.port, user);
		return this.redis.opsForHash().entries(key(browser.sessionId()));
	}

	/** Stores the session's fields under a new id, some replaced, and returns the id. */
	private String storeCopy(Map<Object, Object> stored, Map<String, String> replaced) {
		String id = SessionIds.next();
		Map<Object, Object> copy = new HashMap<>(stored);
		copy.putAll(replaced);
		this.redis.opsForHash().putAll(key(id), copy);
		this.redis.expire(key(id), Duration.ofMinutes(5));
		return id;
	}

	private static String key(String sessionId) {
		return "cardstore:session:{" + sessionId + "}";
	}

}
