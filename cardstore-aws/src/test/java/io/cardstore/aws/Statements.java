package io.cardstore.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cardstore.market.account.Account;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.account.LedgerEntry.Kind;
import io.cardstore.market.account.LedgerPage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts' statements read whole, and the check the trade and ledger tests end with:
 * whatever the trades, each ledger explains its account's balance.
 */
final class Statements {

	private final Accounts accounts;

	private final Ledger ledger;

	Statements(Accounts accounts, Ledger ledger) {
		this.accounts = accounts;
		this.ledger = ledger;
	}

	/** The whole statement, newest first, read 3 entries a page. */
	List<LedgerEntry> of(String username) {
		List<LedgerEntry> entries = new ArrayList<>();
		Long before = null;
		do {
			LedgerPage page = this.ledger.page(username, 3, before);
			entries.addAll(page.entries());
			before = page.next();
		}
		while (before != null);
		return entries;
	}

	/**
	 * Each account's statement, read page by page, starts with its opening balance, has
	 * no gap, and explains its balance: every entry's balance is the one before plus its
	 * amount, the entries add up to the account's balance, and their count is the
	 * account's.
	 */
	void assertLedgersExplainTheBalances(List<String> usernames) {
		for (String username : usernames) {
			Account account = this.accounts.find(username).orElseThrow();
			List<LedgerEntry> entries = new ArrayList<>(of(username));
			Collections.reverse(entries);
			assertThat(entries).as(username).isNotEmpty().first().satisfies(first -> {
				assertThat(first.kind()).isEqualTo(Kind.OPENING);
				assertThat(first.balanceCents()).isEqualTo(first.amountCents());
			});
			long balance = 0;
			for (int i = 0; i < entries.size(); i++) {
				LedgerEntry entry = entries.get(i);
				assertThat(entry.number()).as("%s's entry %d", username, i + 1).isEqualTo(i + 1);
				balance += entry.amountCents();
				assertThat(entry.balanceCents()).as("%s's balance after entry %d", username, i + 1).isEqualTo(balance);
			}
			assertThat(balance).as("%s's entries add up to the balance", username).isEqualTo(account.balanceCents());
			assertThat((long) entries.size()).isEqualTo(account.ledgerEntries());
		}
	}

}
