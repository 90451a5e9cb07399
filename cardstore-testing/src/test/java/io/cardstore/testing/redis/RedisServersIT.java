package io.cardstore.testing.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.cardstore.testing.BackingServicesProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis servers the harness starts are real, set up as asked, and restartable. */
class RedisServersIT {

	@Test
	void theSharedServerAnswers() throws IOException {
		RedisServer redis = RedisServers.shared();

		assertThat(send(redis, "PING")).isEqualTo("+PONG");
		assertThat(redis.connectionProperties()).containsEntry("spring.data.redis.port",
				Integer.toString(redis.port()));
	}

	@Test
	void anElastiCacheLikeServerRefusesConfig() throws IOException {
		try (RedisServer redis = RedisServers.start(RedisOptions.defaults().withoutConfigCommand())) {
			assertThat(send(redis, "CONFIG GET port")).startsWith("-ERR unknown command");
		}
	}

	@Test
	void anAppendOnlyServerKeepsItsDataAcrossARestart() throws IOException {
		try (RedisServer redis = RedisServers.start(RedisOptions.defaults().withAppendOnly())) {
			assertThat(send(redis, "SET card ace")).isEqualTo("+OK");

			redis.stop();
			redis.start();

			assertThat(send(redis, "GET card")).isEqualTo("$3");
		}
	}

	@Test
	void aNativeServerLeavesNothingBehind() {
		RedisServer redis = RedisServers.start(RedisOptions.defaults());
		redis.close();

		if (BackingServicesProvider.current() == BackingServicesProvider.NATIVE) {
			assertThat(((NativeRedisServer) redis).directory()).doesNotExist();
		}
		else {
			assertThat(redis).isInstanceOf(ContainerRedisServer.class);
		}
	}

	/** Sends one inline command and returns the first line of the reply. */
	private static String send(RedisServer redis, String command) throws IOException {
		try (Socket socket = new Socket(redis.host(), redis.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

}
