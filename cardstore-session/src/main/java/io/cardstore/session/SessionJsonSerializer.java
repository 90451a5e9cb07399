package io.cardstore.session;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * Writes session attributes as JSON with their type names, so that a session is readable
 * with {@code redis-cli} and survives a rolling deploy (fields a release does not know
 * are ignored). Types are read only from an allow-list (strings, numbers, booleans, JDK
 * collections and times, Spring Security's types and the application's own packages), so
 * a forged value cannot make the application instantiate an arbitrary class.
 * <p>
 * A value that cannot be read is returned as {@link #UNREADABLE} instead of failing the
 * request; {@link GuardedSessionMapper} then treats the whole session as absent.
 */
final class SessionJsonSerializer implements RedisSerializer<Object> {

	/** Stands for a stored value that could not be read. Never written. */
	static final Object UNREADABLE = new Object() {
		@Override
		public String toString() {
			return "(unreadable session value)";
		}
	};

	private static final Log logger = LogFactory.getLog(SessionJsonSerializer.class);

	private final RedisSerializer<Object> json;

	SessionJsonSerializer(ClassLoader classLoader, String... allowedPackages) {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(String.class)
			.allowIfSubType(Number.class)
			.allowIfSubType(Boolean.class)
			.allowIfSubType("java.util.")
			.allowIfSubType("java.time.")
			.allowIfSubType("org.springframework.security.")
			// Spring MVC keeps flash attributes in the session between a redirect and its
			// target.
			.allowIfSubType("org.springframework.web.servlet.FlashMap");
		for (String allowed : allowedPackages) {
			types.allowIfSubType(allowed);
		}
		PolymorphicTypeValidator validator = types.build();
		this.json = GenericJacksonJsonRedisSerializer.builder(JsonMapper::builder)
			.customize(mapper -> mapper.addModules(SecurityJacksonModules.getModules(classLoader, types))
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
			.enableDefaultTyping(validator)
			.build();
	}

	@Override
	public byte[] serialize(@Nullable Object value) throws SerializationException {
		return this.json.serialize(value);
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) {
		try {
			return this.json.deserialize(bytes);
		}
		catch (SerializationException ex) {
			logger.warn("A stored session value could not be read, so its session is treated as absent: "
					+ ex.getMostSpecificCause().getMessage());
			return UNREADABLE;
		}
	}

}
