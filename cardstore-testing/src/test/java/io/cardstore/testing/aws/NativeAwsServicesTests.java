package io.cardstore.testing.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NativeAwsServicesTests {

	@Test
	void dynamoDbLocalGetsTheSqliteLibraryOfTheMachinesOsAndArchitecture() {
		assertThat(NativeAwsServices.sqliteLibrary("Linux", "amd64")).isEqualTo("libsqlite4java-linux-amd64");
		assertThat(NativeAwsServices.sqliteLibrary("Linux", "i386")).isEqualTo("libsqlite4java-linux-i386");
		assertThat(NativeAwsServices.sqliteLibrary("Mac OS X", "x86_64")).isEqualTo("libsqlite4java-osx");
		assertThat(NativeAwsServices.sqliteLibrary("Windows 11", "amd64")).isEqualTo("sqlite4java-win32-x64");
	}

	@Test
	void whereDynamoDbLocalHasNoSqliteLibraryTheMessageNamesTheWayThatWorks() {
		assertThatIllegalStateException().isThrownBy(() -> NativeAwsServices.sqliteLibrary("Mac OS X", "aarch64"))
			.withMessageContaining("Mac OS X on aarch64")
			.withMessageContaining("start a Docker engine");
		assertThatIllegalStateException().isThrownBy(() -> NativeAwsServices.sqliteLibrary("Linux", "aarch64"))
			.withMessageContaining("Linux on aarch64");
	}

}
