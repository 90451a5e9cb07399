package io.cardstore.session;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The session store's own Lettuce connections, opened from the client Spring Boot
 * configured (so host, cluster nodes, TLS, user and password, timeouts are Boot's
 * settings): one for commands, used asynchronously so that the commands of one write
 * leave together, and one for the change notifications. Both open on first use, so that
 * an application started while Redis is away can still start, and Lettuce reconnects them
 * on its own afterwards. When the connection factory is stopped and started again (a
 * paused application context, say), its client is a new one and the old one's connections
 * are gone: they are opened again from it.
 */
final class RedisSessionConnections implements DisposableBean {

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private final LettuceConnectionFactory connectionFactory;

	private final Duration timeout;

	private volatile @Nullable StatefulConnection<String, String> connection;

	private volatile @Nullable RedisClusterAsyncCommands<String, String> commands;

	private volatile long retryAfter = System.nanoTime();

	/** The client the command connection was opened from. */
	private volatile @Nullable AbstractRedisClient commandsClient;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> changes;

	/** The client the notice connection was opened from. */
	private volatile @Nullable AbstractRedisClient changesClient;

	private volatile boolean closed;

	RedisSessionConnections(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
		this.timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
	}

	RedisClusterAsyncCommands<String, String> commands() {
		RedisClusterAsyncCommands<String, String> current = this.commands;
		return (current != null && this.commandsClient == this.connectionFactory.getNativeClient()) ? current
				: connect();
	}

	private synchronized RedisClusterAsyncCommands<String, String> connect() {
		AbstractRedisClient client = this.connectionFactory.getNativeClient();
		if (this.commands != null && this.commandsClient == client) {
			return this.commands;
		}
		if (this.closed) {
			throw new SessionStoreUnavailableException("The session store is shut down", null);
		}
		if (client == null) {
			throw new SessionStoreUnavailableException("The Redis connection factory is stopped", null);
		}
		if (this.connection != null) {
			// Opened from the factory's client before it was stopped, and closed with it.
			closeIfOpen(this.connection);
			this.connection = null;
			this.commands = null;
		}
		// After a failed first connect, requests fail at once for a moment instead of
		// each waiting for Redis.
		if (System.nanoTime() - this.retryAfter < 0) {
			throw new SessionStoreUnavailableException("Redis was unreachable a moment ago", null);
		}
		try {
			if (client instanceof RedisClusterClient cluster) {
				var clusterConnection = cluster.connect(StringCodec.UTF8);
				this.connection = clusterConnection;
				this.commands = clusterConnection.async();
			}
			else {
				var standalone = ((RedisClient) client).connect(StringCodec.UTF8);
				this.connection = standalone;
				this.commands = standalone.async();
			}
			this.commandsClient = client;
			return this.commands;
		}
		catch (RuntimeException ex) {
			this.retryAfter = System.nanoTime() + RETRY_DELAY.toNanos();
			throw translate(ex);
		}
	}

	/**
	 * Whether the command connection is open now (Lettuce reconnects it after a loss).
	 */
	boolean isConnected() {
		StatefulConnection<String, String> current = this.connection;
		return current != null && current.isOpen();
	}

	/**
	 * The connection for change notices, opened on first use; the caller subscribes and
	 * listens. Called by one thread at a time, and never holding a lock while it
	 * connects, so that a shutdown never waits for a connection attempt.
	 */
	StatefulRedisPubSubConnection<String, String> openChanges() {
		StatefulRedisPubSubConnection<String, String> current = this.changes;
		AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
		if (current != null && this.changesClient == client) {
			return current;
		}
		if (this.closed) {
			throw new IllegalStateException("The session store is shut down");
		}
		// Opened from the factory's client before it was stopped, and closed with it.
		closeIfOpen(current);
		StatefulRedisPubSubConnection<String, String> opened = (client instanceof RedisClusterClient cluster)
				? cluster.connectPubSub(StringCodec.UTF8) : ((RedisClient) client).connectPubSub(StringCodec.UTF8);
		this.changes = opened;
		this.changesClient = client;
		if (this.closed) {
			opened.closeAsync();
			throw new IllegalStateException("The session store is shut down");
		}
		return opened;
	}

	/**
	 * Closes the connection for change notices if it is still this one, so that the next
	 * {@link #openChanges()} opens a new one: for a connection that no longer answers and
	 * that nothing else would close.
	 */
	void dropChanges(StatefulRedisPubSubConnection<String, String> silent) {
		if (this.changes == silent) {
			this.changes = null;
		}
		silent.closeAsync();
	}

	/**
	 * Sends a command. A failure to send it (no connection yet, a connection closing)
	 * arrives through the reply like any other failure, so that {@link #await} handles
	 * them all alike.
	 */
	<T> CompletionStage<T> send(
			Function<RedisClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
		try {
			return command.apply(commands());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	/**
	 * Waits for a reply, at most the command timeout, and turns failures into Spring's
	 * exceptions.
	 */
	<T> T await(CompletionStage<T> reply) {
		try {
			return reply.toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SessionStoreUnavailableException("Redis did not answer within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw translate((cause != null) ? cause : ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SessionStoreUnavailableException("Interrupted while waiting for Redis", ex);
		}
	}

	/**
	 * Connection failures, timeouts and the answers of a server that cannot serve now
	 * become {@link SessionStoreUnavailableException}; any other error Redis answered
	 * stays a {@link RedisCommandExecutionException} inside a
	 * {@link RedisSystemException}. A {@link CompletionException} is looked through.
	 */
	static RuntimeException translate(Throwable failure) {
		failure = unwrap(failure);
		if (failure instanceof RedisCommandExecutionException answer) {
			return isUnavailable(answer.getMessage())
					? new SessionStoreUnavailableException("Redis cannot serve now: " + answer.getMessage(), answer)
					: new RedisSystemException(answer.getMessage(), answer);
		}
		if (failure instanceof RedisException || failure instanceof IOException) {
			// Timeouts, lost connections, and what a disconnected client answers
			// ("Currently not connected").
			return new SessionStoreUnavailableException("Redis is unreachable: " + failure.getMessage(), failure);
		}
		return (failure instanceof RuntimeException runtime) ? runtime
				: new RedisSystemException(String.valueOf(failure.getMessage()), failure);
	}

	/**
	 * What failed, from the {@link CompletionException} a stage that depends on the
	 * failed one completes with.
	 */
	static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException wrapped && wrapped.getCause() != null) ? wrapped.getCause()
				: failure;
	}

	/**
	 * Whether Redis answered that it cannot serve now, itself or from inside a script.
	 */
	static boolean isUnavailable(@Nullable String answer) {
		if (answer == null) {
			return false;
		}
		for (String code : UNAVAILABLE) {
			if (answer.startsWith(code + " ") || answer.contains("-" + code + " ")) {
				return true;
			}
		}
		return false;
	}

	private static final List<String> UNAVAILABLE = List.of("LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN",
			"TRYAGAIN", "OOM", "BUSY", "MISCONF", "NOREPLICAS", "NOAUTH", "NOPERM", "WRONGPASS", "MOVED", "ASK");

	@Override
	public void destroy() {
		this.closed = true;
		closeIfOpen(this.changes);
		closeIfOpen(this.connection);
	}

	/**
	 * Lettuce warns of closing a connection twice, as the connection factory may have
	 * done.
	 */
	private static void closeIfOpen(@Nullable StatefulConnection<String, String> connection) {
		if (connection != null && connection.isOpen()) {
			connection.close();
		}
	}

}
