package io.cardstore.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * Keeps Lettuce from observing the session store's own commands, which Spring Boot's
 * tracing otherwise times and traces one by one ({@code lettuce} observations). The store
 * observes its reads and saves itself ({@code cardstore.session.reads} and
 * {@code .saves}), round trip included, and deliberately not its touches, which no
 * response waits for: with a touch on every request, Lettuce's observation of each was a
 * large share of what the touch cost the replica. The application's other Redis commands
 * are observed as before.
 */
final class SessionCommandObservationPredicate implements ObservationPredicate {

	private final List<ByteBuffer> prefixes;

	SessionCommandObservationPredicate(SessionKeys keys) {
		this.prefixes = List.of(encoded(keys.sessionPrefix()), encoded(keys.userPrefix()));
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof LettuceObservationContext lettuce) || !lettuce.hasCommand()) {
			return true;
		}
		CommandArgs<?, ?> args = lettuce.getRequiredCommand().getArgs();
		ByteBuffer key = (args != null) ? args.getFirstEncodedKey() : null;
		return key == null || this.prefixes.stream().noneMatch((prefix) -> startsWith(key, prefix));
	}

	private static boolean startsWith(ByteBuffer key, ByteBuffer prefix) {
		return key.remaining() >= prefix.remaining() && key.slice(key.position(), prefix.remaining()).equals(prefix);
	}

	private static ByteBuffer encoded(String prefix) {
		return ByteBuffer.wrap(prefix.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
	}

}
