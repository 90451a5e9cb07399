package io.cardstore.benchmark;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * What Redis tells about the sessions: how many commands it has run, and how much memory
 * a session's keys take, whatever store wrote them.
 */
final class RedisMeter implements AutoCloseable {

	private static final Pattern COMMAND_CALLS = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)", Pattern.MULTILINE);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	RedisMeter(RedisServer server) {
		this.client = RedisClient.create(RedisURI.create(server.host(), server.port()));
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
	}

	/** Every command Redis has run so far, but the {@code INFO} that asks. */
	long commandCalls() {
		Matcher command = COMMAND_CALLS.matcher(this.commands.info("commandstats"));
		long calls = 0;
		while (command.find()) {
			if (!command.group(1).equals("info")) {
				calls += Long.parseLong(command.group(2));
			}
		}
		return calls;
	}

	/**
	 * The memory taken by the keys that name the session of this cookie, or nothing when
	 * no key does (sessions kept by the replicas).
	 */
	OptionalLong sessionBytes(String cookieValue) {
		for (String sessionId : sessionIds(cookieValue)) {
			List<String> keys = keysContaining(sessionId);
			if (!keys.isEmpty()) {
				long bytes = 0;
				for (String key : keys) {
					bytes += memoryUsage(key);
				}
				return OptionalLong.of(bytes);
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * What the session id may be: Spring Session's cookie is the Base64 of the id,
	 * another store's may be the id itself.
	 */
	static List<String> sessionIds(String cookieValue) {
		List<String> ids = new ArrayList<>();
		try {
			String decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Base64.getDecoder().decode(cookieValue)))
				.toString();
			if (!decoded.isEmpty() && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
				ids.add(decoded);
			}
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			// Not Base64 text: the cookie carries the id as it is.
		}
		ids.add(cookieValue);
		return ids;
	}

	private List<String> keysContaining(String text) {
		String pattern = "*" + text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
		List<String> keys = new ArrayList<>();
		ScanIterator.scan(this.commands, ScanArgs.Builder.matches(pattern).limit(1000)).forEachRemaining(keys::add);
		return keys;
	}

	/**
	 * {@code MEMORY USAGE key SAMPLES 0}: every field counted, not an estimate from a
	 * sample.
	 */
	private long memoryUsage(String key) {
		Long bytes = this.commands.dispatch(CommandType.MEMORY, new IntegerOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("USAGE").addKey(key).add("SAMPLES").add(0));
		return (bytes != null) ? bytes : 0;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
