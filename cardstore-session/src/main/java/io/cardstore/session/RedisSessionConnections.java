package io.cardstore.session;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The session store's own Lettuce connections, opened from the client Spring Boot configured
 * (so host, cluster nodes, TLS, user and password, timeouts are Boot's settings): one for
 * commands, used asynchronously so that the commands of one write leave together, and one for
 * the change notifications. Both open on first use, so that an application started while Redis
 * is away can still start, and Lettuce reconnects them on its own afterwards.
 */
final class RedisSessionConnections implements DisposableBean {

	private final LettuceConnectionFactory connectionFactory;

	private final Duration timeout;

	private volatile StatefulConnection<String, String> connection;

	private RedisClusterAsyncCommands<String, String> commands;

	private StatefulRedisPubSubConnection<String, String> changes;

	RedisSessionConnections(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
		this.timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
	}

	Duration timeout() {
		return this.timeout;
	}

	synchronized RedisClusterAsyncCommands<String, String> commands() {
		if (this.commands == null) {
			try {
				AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
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
			}
			catch (RuntimeException ex) {
				throw translate(ex);
			}
		}
		return this.commands;
	}

	/** Whether the command connection is open now (Lettuce reconnects it after a loss). */
	boolean isConnected() {
		StatefulConnection<String, String> current = this.connection;
		return current != null && current.isOpen();
	}

	/** The connection for change notices, opened on first use; the caller subscribes and listens. */
	synchronized StatefulRedisPubSubConnection<String, String> openChanges() {
		if (this.changes == null) {
			AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
			this.changes = (client instanceof RedisClusterClient cluster) ? cluster.connectPubSub(StringCodec.UTF8)
					: ((RedisClient) client).connectPubSub(StringCodec.UTF8);
		}
		return this.changes;
	}

	/** Waits for a reply, at most the command timeout, and turns failures into Spring's exceptions. */
	<T> T await(CompletionStage<T> reply) {
		try {
			return reply.toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Redis did not answer within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisSystemException("Interrupted while waiting for Redis", ex);
		}
	}

	/**
	 * Connection failures and timeouts become {@link RedisConnectionFailureException} and
	 * {@link QueryTimeoutException}: the store is unavailable. An error Redis answered stays a
	 * {@link RedisCommandExecutionException} inside a {@link RedisSystemException}, except for
	 * the answers of a server that cannot serve right now (loading, failing over, out of memory).
	 */
	static RuntimeException translate(Throwable failure) {
		if (failure instanceof RedisCommandTimeoutException) {
			return new QueryTimeoutException(failure.getMessage(), failure);
		}
		if (failure instanceof RedisCommandExecutionException answer) {
			return isUnavailable(answer.getMessage())
					? new RedisConnectionFailureException("Redis cannot serve now: " + answer.getMessage(), answer)
					: new RedisSystemException(answer.getMessage(), answer);
		}
		if (failure instanceof RedisConnectionException || failure instanceof java.io.IOException
				|| failure instanceof io.lettuce.core.RedisException) {
			// Lettuce's plain RedisException is what a disconnected client answers ("Currently not connected").
			return new RedisConnectionFailureException("Redis is unreachable: " + failure.getMessage(), failure);
		}
		return (failure instanceof RuntimeException runtime) ? runtime
				: new RedisSystemException(String.valueOf(failure.getMessage()), failure);
	}

	private static boolean isUnavailable(String answer) {
		String code = (answer != null) ? answer.split(" ", 2)[0] : "";
		return switch (code) {
			case "LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "OOM", "BUSY" -> true;
			default -> false;
		};
	}

	@Override
	public synchronized void destroy() {
		if (this.changes != null) {
			this.changes.close();
		}
		if (this.connection != null) {
			this.connection.close();
		}
	}

}
