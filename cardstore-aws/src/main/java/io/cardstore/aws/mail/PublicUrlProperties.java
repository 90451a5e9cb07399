package io.cardstore.aws.mail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where users reach the store, which every link in its mail starts with. It is
 * configured, never taken from a request: a request's Host header is the sender's to
 * choose, and a mail linking to another host would be phishing sent by the store itself.
 *
 * @param publicUrl The address users reach the store at, such as
 * {@code https://cards.example.com}: required, checked at startup.
 */
@ConfigurationProperties("cardstore")
public record PublicUrlProperties(URI publicUrl) {

	public PublicUrlProperties {
		if (publicUrl == null || !publicUrl.isAbsolute() || publicUrl.getHost() == null
				|| !("https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme()))
				|| publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null
				|| publicUrl.getRawUserInfo() != null) {
			throw new IllegalArgumentException("cardstore.public-url must be the http(s) address users reach the "
					+ "store at, such as https://cards.example.com (no query, no fragment); it is '"
					+ ((publicUrl != null) ? publicUrl : "") + "'");
		}
	}

}
