package io.cardstore.session;

import java.io.IOException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are an outage of the session store (a 503), and which are not. */
class SessionStoreFailuresTests {

	@Test
	void aLostConnectionATimeoutOrAServerThatCannotServeIsAnOutage() {
		assertThat(RedisSessionConnections
			.translate(new RedisException("Currently not connected. Commands are rejected.")))
			.isInstanceOf(SessionStoreUnavailableException.class);
		assertThat(RedisSessionConnections.translate(new RedisCommandTimeoutException("Command timed out")))
			.isInstanceOf(SessionStoreUnavailableException.class);
		assertThat(RedisSessionConnections.translate(new IOException("Connection reset by peer")))
			.isInstanceOf(SessionStoreUnavailableException.class);
		for (String answer : new String[] { "LOADING Redis is loading the dataset in memory",
				"READONLY You can't write against a read only replica.",
				"OOM command not allowed when used memory > 'maxmemory'.",
				"NOPERM User cardstore-app has no permissions to run the 'evalsha' command",
				"ERR Error running script (call to f_1234): @user_script:4: -READONLY You can't write against a read only replica." }) {
			assertThat(RedisSessionConnections.translate(new RedisCommandExecutionException(answer))).as(answer)
				.isInstanceOf(SessionStoreUnavailableException.class);
		}
	}

	@Test
	void anyOtherAnswerOfRedisIsNoOutage() {
		RuntimeException wrongType = RedisSessionConnections.translate(new RedisCommandExecutionException(
				"WRONGTYPE Operation against a key holding the wrong kind of value"));

		assertThat(wrongType).isInstanceOf(RedisSystemException.class)
			.isNotInstanceOf(SessionStoreUnavailableException.class);
		assertThat(SessionStoreUnavailableFilter.isSessionStoreFailure(wrongType)).isFalse();
	}

	@Test
	void theQuick503IsForTheSessionStoreOnlyNotForAnotherDatabase() {
		assertThat(SessionStoreUnavailableFilter
			.isSessionStoreFailure(new RuntimeException(new SessionStoreUnavailableException("down", null)))).isTrue();
		assertThat(SessionStoreUnavailableFilter.isSessionStoreFailure(
				new QueryTimeoutException("Redis timed out", new RedisCommandTimeoutException("timed out"))))
			.as("Spring Data Redis's translation of Lettuce's timeout, with Spring Session's repository")
			.isTrue();
		assertThat(
				SessionStoreUnavailableFilter.isSessionStoreFailure(new QueryTimeoutException("JDBC query timed out")))
			.isFalse();
		assertThat(SessionStoreUnavailableFilter
			.isSessionStoreFailure(new DataAccessResourceFailureException("database connection refused"))).isFalse();
	}

}
