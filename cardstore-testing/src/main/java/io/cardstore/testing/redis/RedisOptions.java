package io.cardstore.testing.redis;

import java.util.Objects;

import io.cardstore.testing.tls.TlsFiles;
import org.jspecify.annotations.Nullable;

/**
 * How a test Redis server is set up.
 *
 * @param configCommandDisabled rename CONFIG away, as ElastiCache does
 * @param tls serve TLS only, with these files; {@code null} for plain TCP
 * @param user an ACL user that must authenticate (the default user is then disabled);
 * {@code null} for no authentication
 * @param appendOnly keep an append-only file so data survives a restart
 */
public record RedisOptions(boolean configCommandDisabled, @Nullable TlsFiles tls, @Nullable AclUser user,
		boolean appendOnly) {

	/** A plain Redis server, as a developer runs it. */
	public static RedisOptions defaults() {
		return new RedisOptions(false, null, null, false);
	}

	/** CONFIG unavailable, like ElastiCache. */
	public RedisOptions withoutConfigCommand() {
		return new RedisOptions(true, this.tls, this.user, this.appendOnly);
	}

	public RedisOptions withTls(TlsFiles files) {
		return new RedisOptions(this.configCommandDisabled, files, this.user, this.appendOnly);
	}

	/** An ACL user with full rights on every key and channel. */
	public RedisOptions withUser(String name, String password) {
		return withUser(name, password, AclUser.EVERYTHING);
	}

	/** An ACL user with these rules, such as {@code ~app:* +@all -@dangerous}. */
	public RedisOptions withUser(String name, String password, String rules) {
		return new RedisOptions(this.configCommandDisabled, this.tls, new AclUser(name, password, rules),
				this.appendOnly);
	}

	public RedisOptions withAppendOnly() {
		return new RedisOptions(this.configCommandDisabled, this.tls, this.user, true);
	}

	/**
	 * The lines of a redis.conf for these options: listening on a port, over TLS with the
	 * certificate files where the server finds them if the options ask for TLS, and the
	 * options' settings.
	 * @param port the port inside the server's host or container
	 * @param tlsFiles the options' certificate files, at the paths the server sees them;
	 * {@code null} for options without TLS
	 */
	String configuration(int port, @Nullable TlsFiles tlsFiles) {
		StringBuilder conf = new StringBuilder();
		if (this.tls != null) {
			Objects.requireNonNull(tlsFiles, "TLS options need their certificate files");
			conf.append("port 0\ntls-port ").append(port).append('\n');
			conf.append("tls-cert-file ").append(tlsFiles.serverCertificate()).append('\n');
			conf.append("tls-key-file ").append(tlsFiles.serverKey()).append('\n');
			conf.append("tls-ca-cert-file ").append(tlsFiles.caCertificate()).append('\n');
		}
		else {
			conf.append("port ").append(port).append('\n');
		}
		conf.append("save \"\"\n");
		conf.append("appendonly ").append(this.appendOnly ? "yes" : "no").append('\n');
		if (this.appendOnly) {
			conf.append("appendfsync always\n");
		}
		if (this.configCommandDisabled) {
			conf.append("rename-command CONFIG \"\"\n");
		}
		if (this.user != null) {
			conf.append("user default off\n");
			conf.append("user ")
				.append(this.user.name())
				.append(" on >")
				.append(this.user.password())
				.append(' ')
				.append(this.user.rules())
				.append('\n');
		}
		if (this.tls != null) {
			conf.append("tls-auth-clients no\n");
		}
		return conf.toString();
	}

	/**
	 * An ACL user.
	 *
	 * @param rules what it may do, in the ACL rule language (keys, channels, commands)
	 */
	public record AclUser(String name, String password, String rules) {

		/** Every command on every key and channel. */
		public static final String EVERYTHING = "~* &* +@all";

	}

}
