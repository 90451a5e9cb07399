package io.cardstore.web;

import java.net.http.HttpResponse;

import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that fails in the application gets the store's page, or a problem document,
 * and neither tells the exception: a page that throws stands in for a bug.
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServerErrorPageIT.FailingPage.class)
class ServerErrorPageIT {

	static final String SECRET = "table cardstore-accounts in account 123456789012";

	@LocalServerPort
	int port;

	@Test
	void aFailureIsTheStoresPageForABrowserAndAProblemForAnApiWithoutItsText() {
		String store = "http://localhost:" + this.port;
		WebClient user = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());

		HttpResponse<String> page = user.get(store + "/failing-page");
		HttpResponse<String> problem = user.get(store + "/failing-page", "application/json");

		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.body()).contains("<h1>Something went wrong on our side</h1>")
			.contains("Error 500 · Internal Server Error")
			.contains("· CardStore</title>")
			.doesNotContain(SECRET)
			.doesNotContain("IllegalStateException")
			.doesNotContain("Whitelabel");
		assertThat(problem.statusCode()).isEqualTo(500);
		assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(problem.body()).contains("\"title\":\"Internal Server Error\"")
			.contains("\"instance\":\"/failing-page\"")
			.doesNotContain(SECRET)
			.doesNotContain("IllegalStateException");
	}

	@RestController
	static class FailingPage {

		@GetMapping("/failing-page")
		String fail() {
			throw new IllegalStateException(SECRET);
		}

	}

}
