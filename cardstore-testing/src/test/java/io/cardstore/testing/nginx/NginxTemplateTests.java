package io.cardstore.testing.nginx;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The project's nginx template renders, and nginx itself accepts the result. */
class NginxTemplateTests {

	@Test
	void rendersOneServerLinePerReplicaAndLeavesNginxVariablesAlone() {
		String rendered = NginxTemplate.project()
			.render(NginxTemplate.variables(List.of("web1:8080", "web2:8080"), "80", "/dev/stdout"));

		assertThat(rendered).contains("server web1:8080 max_fails=2 fail_timeout=10s;")
			.contains("server web2:8080 max_fails=2 fail_timeout=10s;")
			.contains("listen 80;")
			.contains("proxy_set_header X-Forwarded-For $remote_addr;")
			.doesNotContain("$proxy_add_x_forwarded_for")
			.contains("server_tokens off;")
			.as("the access log keeps no query string, where tokens travel")
			.doesNotContain("\"$request\"")
			.contains("X-Forwarded-Port $cardstore_forwarded_port")
			.contains("proxy_next_upstream error timeout http_502 http_504;")
			.as("the store's 503 is passed on, not retried or counted against the replica")
			.doesNotContain("http_503")
			.doesNotContain("non_idempotent;")
			.doesNotContain("${CARDSTORE_");
	}

	@Test
	void ipHashOpensTheUpstreamBlockBeforeItsKeepalive() {
		String rendered = NginxTemplate.project()
			.render(NginxTemplate.variables(NginxServer.Balancing.IP_HASH, List.of("web1:8080"), "80", "/dev/stdout"));

		assertThat(rendered).contains("ip_hash;\n    server web1:8080 max_fails=2 fail_timeout=10s;");
		assertThat(rendered.indexOf("ip_hash;")).isLessThan(rendered.indexOf("keepalive"));
	}

	@Test
	void aMissingVariableIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> NginxTemplate.project().render(Map.of()))
			.withMessageContaining("${CARDSTORE_");
	}

	@Test
	void nginxAcceptsTheRenderedTemplate() {
		assertThat(NginxServer.test(List.of("127.0.0.1:18081", "127.0.0.1:18082"))).contains("syntax is ok")
			.contains("test is successful");
	}

}
