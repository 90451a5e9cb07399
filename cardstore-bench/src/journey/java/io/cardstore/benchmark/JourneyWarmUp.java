package io.cardstore.benchmark;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.local.Replica;
import io.cardstore.web.TestAccounts;
import io.cardstore.web.cluster.WebClient;

/**
 * The visit of {@link JourneyVisit}, played by plain HTTP clients with no think time
 * before Gatling's run, until the replicas' JIT compilers have settled: Gatling's report
 * covers the whole of its run, and a run that starts on cold replicas measures C2 at
 * work. Trades move money between the users as in the run, and the total is read after.
 */
final class JourneyWarmUp {

	private static final int CLIENTS = 8;

	static final Duration ROUND = Duration.ofSeconds(30);

	private static final Pattern SELL_FORM = Pattern.compile("class=\"sell\"[^>]*>.*?</form>", Pattern.DOTALL);

	private static final Pattern BUY_FORM = Pattern.compile("class=\"buy\"[^>]*>.*?</form>", Pattern.DOTALL);

	private static final Pattern FIELD = Pattern.compile("name=\"(\\w+)\" value=\"([^\"]*)\"");

	private JourneyWarmUp() {
	}

	/**
	 * Plays visits of these users, the clients taking turns at the entrances: nginx's
	 * address where it spreads requests itself, each replica's own where it pins a client
	 * by a header these clients do not send (all would land on one replica).
	 */
	static void run(List<String> entrances, List<String> usernames, List<Replica> replicas, String price) {
		AtomicBoolean warm = new AtomicBoolean();
		AtomicLong visits = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			for (int client = 0; client < CLIENTS; client++) {
				int first = client;
				String store = entrances.get(client % entrances.size());
				clients.execute(() -> {
					for (int next = first; !warm.get(); next += CLIENTS) {
						try {
							visit(store, usernames.get(next % usernames.size()), price);
							visits.incrementAndGet();
						}
						catch (RuntimeException | AssertionError ex) {
							// A login refused as busy, a card bought by another
							// meanwhile: the next visit goes on.
							failed.incrementAndGet();
						}
					}
				});
			}
			JitCompilation.warmUp(replicas, () -> sleep(ROUND));
		}
		finally {
			warm.set(true);
			clients.shutdown();
			try {
				clients.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		System.out.println("  warmed up with " + visits.get() + " visits (" + failed.get() + " cut short)");
	}

	/**
	 * Logs in, opens the dashboard, the market and its second page, puts a card on sale,
	 * buys another user's, opens the sessions page and logs out.
	 */
	private static void visit(String store, String username, String price) {
		WebClient client = WebClient.loggedIn(store, username, TestAccounts.PASSWORD);
		client.get(store + "/dashboard");
		client.get(store + "/market");
		client.get(store + "/market?page=2");
		HttpResponse<String> cards = client.get(store + "/cards");
		List<Map<String, String>> unlisted = forms(SELL_FORM, cards.body());
		if (!unlisted.isEmpty()) {
			client.post(store + "/cards/sale",
					Map.of("name", pick(unlisted).get("name"), "price", price, "_csrf", WebClient.csrfToken(cards)));
		}
		HttpResponse<String> market = client.get(store + "/market");
		List<Map<String, String>> offers = forms(BUY_FORM, market.body());
		offers.removeIf(offer -> username.equals(offer.get("seller")));
		if (!offers.isEmpty()) {
			Map<String, String> offer = pick(offers);
			client.post(store + "/market/buy",
					Map.of("seller", offer.get("seller"), "name", offer.get("name"), "priceCents",
							offer.get("priceCents"), "listing", offer.get("listing"), "_csrf",
							WebClient.csrfToken(market)));
		}
		HttpResponse<String> sessions = client.get(store + "/account/sessions");
		client.post(store + "/logout", Map.of("_csrf", WebClient.csrfToken(sessions)));
	}

	/** The hidden fields of each form the pattern finds on the page. */
	private static List<Map<String, String>> forms(Pattern form, String page) {
		List<Map<String, String>> forms = new ArrayList<>();
		Matcher found = form.matcher(page);
		while (found.find()) {
			Map<String, String> fields = new HashMap<>();
			Matcher field = FIELD.matcher(found.group());
			while (field.find()) {
				fields.put(field.group(1), field.group(2));
			}
			forms.add(fields);
		}
		return forms;
	}

	private static Map<String, String> pick(List<Map<String, String>> forms) {
		return forms.get(ThreadLocalRandom.current().nextInt(forms.size()));
	}

	private static void sleep(Duration duration) {
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while warming up", ex);
		}
	}

}
