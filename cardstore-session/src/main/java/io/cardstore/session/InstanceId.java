package io.cardstore.session;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.util.StringUtils;

/**
 * The name of this application instance, so that a person can tell which replica created a
 * session or served a request.
 *
 * @param value the configured id, else the host name
 */
public record InstanceId(String value) {

	static InstanceId of(String configured) {
		if (StringUtils.hasText(configured)) {
			return new InstanceId(configured);
		}
		String hostName = System.getenv("HOSTNAME");
		if (StringUtils.hasText(hostName)) {
			return new InstanceId(hostName);
		}
		try {
			return new InstanceId(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			return new InstanceId("unknown");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
