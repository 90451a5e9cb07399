package io.cardstore.testing.redis;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardstore.testing.tls.TestCertificates;
import io.cardstore.testing.tls.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis container as configured, checked without a Docker engine: the redis.conf it
 * gets, and the TLS files where that configuration looks for them.
 */
class ContainerRedisServerTests {

	@Test
	void plainRedisListensOnTheImagesPortWithTheOptionsSettings() {
		RedisOptions options = RedisOptions.defaults()
			.withoutConfigCommand()
			.withUser("app", "secret")
			.withAppendOnly();

		String conf = ContainerRedisServer.configuration(options);

		assertThat(conf.lines()).contains("dir /data", "port 6379", "rename-command CONFIG \"\"", "user default off",
				"user app on >secret ~* &* +@all", "appendonly yes");
		assertThat(conf).doesNotContain("tls-");
		GenericContainer<?> container = ContainerRedisServer.container(options, 16379);
		assertThat(container.getCommandParts()).containsExactly("redis-server", ContainerRedisServer.CONF);
		assertThat(container.getPortBindings()).containsExactly("16379:6379/tcp");
		assertThat(container.getCopyToFileContainerPathMap()).isEmpty();
	}

	@Test
	void overTlsTheFilesAreCopiedWhereTheConfigurationNamesThem(@TempDir Path directory) {
		TlsFiles tls = TestCertificates.create(directory);
		RedisOptions options = RedisOptions.defaults().withTls(tls);

		Map<String, String> conf = ContainerRedisServer.configuration(options)
			.lines()
			.map(line -> line.split(" ", 2))
			.filter(pair -> pair.length == 2)
			.collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (first, second) -> second));
		assertThat(conf).containsEntry("port", "0").containsEntry("tls-port", "6379");

		Map<String, MountableFile> copied = ContainerRedisServer.container(options, 16380)
			.getCopyToFileContainerPathMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
		assertThat(copied).containsOnlyKeys(conf.get("tls-ca-cert-file"), conf.get("tls-cert-file"),
				conf.get("tls-key-file"));
		assertThat(copied.get(conf.get("tls-ca-cert-file")).getResolvedPath())
			.isEqualTo(tls.caCertificate().toAbsolutePath().toString());
		assertThat(copied.get(conf.get("tls-cert-file")).getResolvedPath())
			.isEqualTo(tls.serverCertificate().toAbsolutePath().toString());
		assertThat(copied.get(conf.get("tls-key-file")).getResolvedPath())
			.isEqualTo(tls.serverKey().toAbsolutePath().toString());
		assertThat(Integer.toOctalString(copied.get(conf.get("tls-key-file")).getFileMode() & 0777))
			.as("the key readable by the image's redis user")
			.isEqualTo("644");
		assertThat(Arrays.asList(ContainerRedisServer.container(options, 16380).getCommandParts()))
			.containsExactly("redis-server", ContainerRedisServer.CONF);
	}

}
