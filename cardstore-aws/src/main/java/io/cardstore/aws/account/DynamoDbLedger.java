package io.cardstore.aws.account;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.account.LedgerEntry.Kind;
import io.cardstore.market.account.LedgerPage;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The ledger table: each account's statement, one item per change of its balance, keyed
 * by the user name and the entry's number. Entries are written only in the transaction
 * that changes the balance (the opening one with the account, the others with a
 * purchase), so the entries of an account always add up to its balance, and the last
 * one's balance is the account's.
 */
public class DynamoDbLedger implements Ledger {

	private static final String USERNAME = CardStoreTableLayout.LEDGER.partitionKey();

	/**
	 * The entry's number, zero-padded so that the sort key, a string, sorts as the
	 * number.
	 */
	private static final String ENTRY = Objects.requireNonNull(CardStoreTableLayout.LEDGER.sortKey());

	private static final String AT = "at";

	private static final String KIND = "kind";

	private static final String CARD = "card";

	private static final String COUNTERPARTY = "counterparty";

	private static final String AMOUNT = "amount";

	private static final String BALANCE = "balance";

	private final DynamoDbClient dynamoDb;

	private final String table;

	public DynamoDbLedger(DynamoDbClient dynamoDb, String table) {
		this.dynamoDb = dynamoDb;
		this.table = table;
	}

	@Override
	public LedgerPage page(String username, int size, @Nullable Long before) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("A page holds 1 to " + MAX_PAGE_SIZE + " entries");
		}
		if (before != null && before < 2) {
			throw new IllegalArgumentException("No entry comes before " + before);
		}
		String condition = USERNAME + " = :username" + ((before != null) ? " AND #entry < :before" : "");
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":username", AttributeValue.fromS(username));
		if (before != null) {
			values.put(":before", AttributeValue.fromS(sortKey(before)));
		}
		QueryResponse response = this.dynamoDb.query(query -> query.tableName(this.table)
			.keyConditionExpression(condition)
			.expressionAttributeNames((before != null) ? Map.of("#entry", ENTRY) : null)
			.expressionAttributeValues(values)
			.scanIndexForward(false)
			.consistentRead(true)
			.limit(size));
		List<LedgerEntry> entries = response.items().stream().map(DynamoDbLedger::entry).toList();
		LedgerEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
		return new LedgerPage(entries, (last != null && last.number() > 1) ? last.number() : null);
	}

	/**
	 * The write of an entry, for the transaction that moves the balance, whose condition
	 * on the account's entry count makes the number the next one. An opening entry may
	 * replace one of an account that expired unactivated (and so never traded) when its
	 * user name is registered again.
	 */
	public TransactWriteItem written(String username, LedgerEntry entry) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(USERNAME, AttributeValue.fromS(username));
		item.put(ENTRY, AttributeValue.fromS(sortKey(entry.number())));
		item.put(AT, AttributeValue.fromN(Long.toString(entry.at().toEpochMilli())));
		item.put(KIND, AttributeValue.fromS(entry.kind().name()));
		if (entry.card() != null) {
			item.put(CARD, AttributeValue.fromS(entry.card()));
		}
		if (entry.counterparty() != null) {
			item.put(COUNTERPARTY, AttributeValue.fromS(entry.counterparty()));
		}
		item.put(AMOUNT, AttributeValue.fromN(Long.toString(entry.amountCents())));
		item.put(BALANCE, AttributeValue.fromN(Long.toString(entry.balanceCents())));
		return TransactWriteItem.builder().put(put -> {
			put.tableName(this.table).item(item);
			if (entry.kind() != Kind.OPENING) {
				put.conditionExpression("attribute_not_exists(" + USERNAME + ")");
			}
		}).build();
	}

	private static String sortKey(long number) {
		return "%019d".formatted(number);
	}

	private static LedgerEntry entry(Map<String, AttributeValue> item) {
		AttributeValue card = item.get(CARD);
		AttributeValue counterparty = item.get(COUNTERPARTY);
		return new LedgerEntry(Long.parseLong(attribute(item, ENTRY).s()),
				Instant.ofEpochMilli(Long.parseLong(attribute(item, AT).n())), Kind.valueOf(attribute(item, KIND).s()),
				(card != null) ? card.s() : null, (counterparty != null) ? counterparty.s() : null,
				Long.parseLong(attribute(item, AMOUNT).n()), Long.parseLong(attribute(item, BALANCE).n()));
	}

	/** An attribute every item of the table has. */
	private static AttributeValue attribute(Map<String, AttributeValue> item, String name) {
		return Objects.requireNonNull(item.get(name), () -> "No " + name + " in the item");
	}

}
