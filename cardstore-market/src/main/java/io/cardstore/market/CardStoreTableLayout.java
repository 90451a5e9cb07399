package io.cardstore.market;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The layout of CardStore's DynamoDB tables, described once: names, keys, the market's
 * index and the time-to-live attribute. {@code cardstore-aws} reads its key attributes
 * from it and creates the tables from it for local runs, and the infrastructure code
 * ({@code cardstore-infra}) creates them from it in AWS. LocalStack's init script repeats
 * it in shell, and a test compares the two.
 * <p>
 * Plain Java on purpose (no Spring, no AWS SDK), so that the infrastructure code can use
 * it without the application's dependencies.
 */
public final class CardStoreTableLayout {

	/**
	 * The sparse index of the cards table that holds only the cards on sale: the market.
	 */
	public static final String ON_SALE_INDEX = "on-sale";

	/**
	 * Accounts, by user name. Accounts never activated carry {@code expiresAt} (seconds
	 * since the epoch), whose time-to-live removes them.
	 */
	public static final Table USERS = new Table("users", "username", null, List.of(), "expiresAt");

	/**
	 * Cards, by owner and name, with the index of those on sale: only a card on sale
	 * carries a {@code saleKey}, so the index lists the market alone.
	 */
	public static final Table CARDS = new Table("cards", "owner", "name",
			List.of(new Index(ON_SALE_INDEX, "saleKey", "cardId")), null);

	/** Each account's statement, by user name and entry number. */
	public static final Table LEDGER = new Table("ledger", "username", "entry", List.of(), null);

	/** Every table, in the order they are created. */
	public static final List<Table> TABLES = List.of(USERS, CARDS, LEDGER);

	private CardStoreTableLayout() {
	}

	/**
	 * One table. Every key attribute is a string; capacity is on demand.
	 *
	 * @param suffix the table's name after the environment's prefix
	 * ({@code cardstore.aws.dynamodb.table-prefix})
	 * @param partitionKey the partition key attribute
	 * @param sortKey the sort key attribute, or {@code null} when the key is the
	 * partition key alone
	 * @param indexes the global secondary indexes
	 * @param timeToLiveAttribute the attribute whose epoch seconds expire an item, or
	 * {@code null}
	 */
	public record Table(String suffix, String partitionKey, @Nullable String sortKey, List<Index> indexes,
			@Nullable String timeToLiveAttribute) {

		public Table {
			indexes = List.copyOf(indexes);
		}

		/** The table's name in the environment whose tables start with this prefix. */
		public String name(String tablePrefix) {
			return tablePrefix + this.suffix;
		}

		public boolean hasSortKey() {
			return this.sortKey != null;
		}

		public boolean hasTimeToLive() {
			return this.timeToLiveAttribute != null;
		}

		/**
		 * The attributes the keys of the table and of its indexes name, each once: those
		 * whose type DynamoDB must be told.
		 */
		public List<String> keyAttributes() {
			List<String> attributes = new ArrayList<>();
			addOnce(attributes, this.partitionKey);
			if (this.sortKey != null) {
				addOnce(attributes, this.sortKey);
			}
			for (Index index : this.indexes) {
				addOnce(attributes, index.partitionKey());
				addOnce(attributes, index.sortKey());
			}
			return List.copyOf(attributes);
		}

		private static void addOnce(List<String> attributes, String attribute) {
			if (!attributes.contains(attribute)) {
				attributes.add(attribute);
			}
		}

	}

	/**
	 * A global secondary index projecting every attribute.
	 *
	 * @param name the index name
	 * @param partitionKey its partition key attribute
	 * @param sortKey its sort key attribute
	 */
	public record Index(String name, String partitionKey, String sortKey) {
	}

}
