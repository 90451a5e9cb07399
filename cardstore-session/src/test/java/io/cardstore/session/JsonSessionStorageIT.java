package io.cardstore.session;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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

/** Sessions are stored as JSON a person can read, and a session that cannot be read is no session. */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cardstore.session.instance-id=json-instance")
@ContextConfiguration(initializers = SharedRedisInitializer.class)
class JsonSessionStorageIT {

	private static final String SECURITY_CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT";

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void theStoredSessionIsJson() {
		Browser browser = new Browser("Firefox/140");
		browser.login(this.port, "jason");

		Map<Object, Object> stored = this.redis.opsForHash().entries(key(browser.sessionId()));

		JsonNode context = JsonMapper.shared().readTree((String) stored.get(SECURITY_CONTEXT));
		assertThat(context.toString()).contains("\"username\":\"jason\"");
		assertThat(stored.get("sessionAttr:cardstore.userAgent")).isEqualTo("\"Firefox/140\"");
		assertThat(stored.get("sessionAttr:cardstore.createdBy")).isEqualTo("\"json-instance\"");
		assertThat(stored.get("creationTime").toString()).matches("\\d+");
	}

	@Test
	void aSessionWithAFieldThisReleaseDoesNotKnowStillLoads() {
		Browser browser = new Browser("Firefox");
		browser.login(this.port, "newer");
		Map<Object, Object> stored = this.redis.opsForHash().entries(key(browser.sessionId()));
		String context = (String) stored.get(SECURITY_CONTEXT);
		String withUnknownField = context.replaceFirst("\"authentication\":\\{",
				"\"authentication\":{\"riskScore\":0.2,");
		assertThat(withUnknownField).isNotEqualTo(context);

		String copy = storeCopy(stored, Map.of(SECURITY_CONTEXT, withUnknownField));

		assertThat(new Browser("Firefox").withSession(copy).whoami(this.port)).isEqualTo("newer");
	}

	@Test
	void aCorruptedSessionIsAnAnonymousRequestNotAnError() {
		Browser browser = new Browser("Firefox");
		browser.login(this.port, "corrupted");
		Map<Object, Object> stored = this.redis.opsForHash().entries(key(browser.sessionId()));

		String copy = storeCopy(stored, Map.of(SECURITY_CONTEXT, "{\"@class\":\"org.springframework.security.core"));

		Browser holder = new Browser("Firefox").withSession(copy);
		assertThat(holder.whoami(this.port)).isEqualTo("anonymous");
		assertThat(holder.get(this.port, "/protected").statusCode()).as("a protected page sends to the login")
			.isEqualTo(302);
	}

	@Test
	void aSessionOfATypeOutsideTheAllowListIsNotLoaded() {
		Browser browser = new Browser("Firefox");
		browser.login(this.port, "gadget");
		Map<Object, Object> stored = this.redis.opsForHash().entries(key(browser.sessionId()));

		String copy = storeCopy(stored,
				Map.of("sessionAttr:payload", "[\"javax.management.BadAttributeValueExpException\",{}]"));

		assertThat(new Browser("Firefox").withSession(copy).whoami(this.port)).isEqualTo("anonymous");
	}

	/** Stores the session's fields under a new id, some replaced, and returns the id. */
	private String storeCopy(Map<Object, Object> stored, Map<String, String> replaced) {
		String id = UUID.randomUUID().toString();
		Map<Object, Object> copy = new HashMap<>(stored);
		copy.putAll(replaced);
		this.redis.opsForHash().putAll(key(id), copy);
		return id;
	}

	private static String key(String sessionId) {
		return "spring:session:sessions:" + sessionId;
	}

}
