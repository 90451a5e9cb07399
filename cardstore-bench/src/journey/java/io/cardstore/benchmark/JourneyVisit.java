package io.cardstore.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cardstore.web.TestAccounts;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A person's visit to the store as Gatling's chain of requests, for
 * {@link JourneySimulation}'s virtual users: log in (landing on the dashboard), open the
 * market and its second page, put one of the user's cards on sale, buy another user's,
 * open the sessions page and log out, with a think time between steps. Every page's CSRF
 * token is kept for the next form.
 */
final class JourneyVisit {

	private JourneyVisit() {
	}

	/**
	 * @param price what the user puts a card on sale for
	 * @param sessionsListed whether the session store lists a user's sessions
	 */
	static ChainBuilder of(String price, boolean sessionsListed) {
		Duration think = Duration.ofMillis(200);
		return exec(Session::markAsSucceeded)
			.exec(http("Login page").get("/").check(css("meta[name=_csrf]", "content").saveAs("csrf")))
			.pause(think)
			.exec(http("Log in, dashboard").post("/login")
				.formParam("username", "#{username}")
				.formParam("password", TestAccounts.PASSWORD)
				.formParam("_csrf", "#{csrf}")
				.check(css("#balance").exists(), csrf()))
			.pause(think)
			// A login refused (the hashing queue full: 503) ends this visit, not the
			// user: the next one logs in again.
			.doIf(session -> !session.isFailed())
			.then(visitLoggedIn(think, price, sessionsListed));
	}

	private static ChainBuilder visitLoggedIn(Duration think, String price, boolean sessionsListed) {
		return exec(session -> session.remove("nextPage"))
			.exec(http("Market").get("/market").check(css("a[href*='/market?page=']", "href").saveAs("nextPage")))
			.pause(think)
			.exec(http("Market, page 2").get("#{nextPage}"))
			.pause(think)
			.exec(session -> session.remove("cardToSell"))
			.exec(http("My cards").get("/cards")
				.check(css("form.sell input[name=name]", "value").findRandom().optional().saveAs("cardToSell"), csrf()))
			.pause(think)
			.doIf(session -> session.contains("cardToSell"))
			.then(exec(http("Put on sale").post("/cards/sale")
				.formParam("name", "#{cardToSell}")
				.formParam("price", price)
				.formParam("_csrf", "#{csrf}")
				.check(css(".notice").exists())).pause(think))
			.exec(session -> session.remove("sellers"))
			.exec(http("Market, to buy").get("/market")
				.check(css("form.buy input[name=seller]", "value").findAll().optional().saveAs("sellers"),
						css("form.buy input[name=name]", "value").findAll().optional().saveAs("names"),
						css("form.buy input[name=priceCents]", "value").findAll().optional().saveAs("prices"),
						css("form.buy input[name=listing]", "value").findAll().optional().saveAs("listings"), csrf()))
			.pause(think)
			// A market with nothing on sale from others has nothing to buy.
			.doIf(session -> session.contains("sellers"))
			.then(exec(JourneyVisit::pickACard)
				.exec(http("Buy").post("/market/buy")
					.formParam("seller", "#{seller}")
					.formParam("name", "#{name}")
					.formParam("priceCents", "#{priceCents}")
					.formParam("listing", "#{listing}")
					.formParam("_csrf", "#{csrf}")
					// Bought, or refused because another user was faster: both are the
					// market working.
					.check(css(".notice, .error").exists()))
				.pause(think))
			// Only the store lists a user's sessions; the others answer that they keep
			// none (404).
			.exec(http("Sessions").get("/account/sessions")
				.check(sessionsListed ? css("table.sessions").exists() : status().is(404)))
			.pause(think)
			.exec(http("Log out").post("/logout").formParam("_csrf", "#{csrf}").check(css("#login").exists()))
			.pause(think);
	}

	private static CheckBuilder.Final csrf() {
		return css("meta[name=_csrf]", "content").saveAs("csrf");
	}

	/**
	 * One of the market's first page at random, so that users do not all race for the
	 * same card.
	 */
	private static Session pickACard(Session session) {
		List<String> sellers = session.getList("sellers");
		int card = ThreadLocalRandom.current().nextInt(sellers.size());
		return session.set("seller", sellers.get(card))
			.set("name", session.getList("names").get(card))
			.set("priceCents", session.getList("prices").get(card))
			.set("listing", session.getList("listings").get(card));
	}

}
