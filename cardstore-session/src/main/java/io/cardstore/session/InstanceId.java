package io.cardstore.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.springframework.util.StringUtils;

/**
 * The name of this application instance, so that a person can tell which replica created
 * a session or served a request (it is shown to users, in the X-Served-By header and on
 * the sessions page).
 *
 * @param value the configured id; else, on Amazon ECS, the start of the task's container
 * id; else the host name
 */
public record InstanceId(String value) {

	/** As many characters of an ECS container id as tell the replicas apart. */
	private static final int ECS_ID_LENGTH = 12;

	static InstanceId of(String configured) {
		return of(configured, System.getenv());
	}

	static InstanceId of(String configured, Map<String, String> environment) {
		if (StringUtils.hasText(configured)) {
			return new InstanceId(configured);
		}
		// On Fargate the host name is the task's private address (ip-10-0-1-23...), which
		// is
		// nobody's business outside the VPC; the container id, in the metadata endpoint's
		// address, names the replica as well and tells nothing.
		String metadata = environment.get("ECS_CONTAINER_METADATA_URI_V4");
		if (StringUtils.hasText(metadata)) {
			String path = metadata.endsWith("/") ? metadata.substring(0, metadata.length() - 1) : metadata;
			String containerId = path.substring(path.lastIndexOf('/') + 1);
			if (StringUtils.hasText(containerId)) {
				return new InstanceId(containerId.substring(0, Math.min(ECS_ID_LENGTH, containerId.length())));
			}
		}
		String hostName = environment.get("HOSTNAME");
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
