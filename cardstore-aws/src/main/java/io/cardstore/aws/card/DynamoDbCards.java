package io.cardstore.aws.card;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.CardStoreTableLayout.Index;
import io.cardstore.market.account.Username;
import io.cardstore.market.card.Card;
import io.cardstore.market.card.CardNameTakenException;
import io.cardstore.market.card.CardNotFoundException;
import io.cardstore.market.card.CardPage;
import io.cardstore.market.card.Cards;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The cards table in DynamoDB. A card on sale carries a {@code saleKey}, which puts it in
 * the sparse {@link CardStoreTableLayout#ON_SALE_INDEX on-sale index} that lists the
 * market.
 */
public class DynamoDbCards implements Cards {

	private static final String OWNER = CardStoreTableLayout.CARDS.partitionKey();

	private static final String NAME = Objects.requireNonNull(CardStoreTableLayout.CARDS.sortKey());

	private static final String IN_SALE = "inSale";

	private static final String PRICE = "price";

	private static final Index ON_SALE_INDEX = CardStoreTableLayout.CARDS.indexes().get(0);

	private static final String SALE_KEY = ON_SALE_INDEX.partitionKey();

	private static final String CARD_ID = ON_SALE_INDEX.sortKey();

	private static final String ON_SALE = "ON_SALE";

	private static final String IMAGE_KEY = "imageKey";

	private static final String LOADED_AT = "loadedAt";

	private static final String LISTING = "listing";

	private static final int LISTING_BYTES = 12;

	/**
	 * A page token longer than this is no token of ours: four short attributes, encoded.
	 */
	private static final int MAX_PAGE_TOKEN_LENGTH = 512;

	private static final Set<String> PAGE_KEY_ATTRIBUTES = Set.of(OWNER, NAME, SALE_KEY, CARD_ID);

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public DynamoDbCards(DynamoDbClient dynamoDb, String table, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
	}

	public String table() {
		return this.table;
	}

	@Override
	public Card add(String owner, String name, @Nullable String imageKey) {
		if (!isCardKey(owner, name)) {
			throw new IllegalArgumentException(
					"A card's name has 1 to " + Card.MAX_NAME_LENGTH + " characters, no control characters");
		}
		Card card = new Card(owner, name, imageKey, this.clock.instant(), false, 0, null);
		try {
			this.dynamoDb.putItem(put -> put.tableName(this.table)
				.item(item(card))
				.conditionExpression("attribute_not_exists(#name)")
				.expressionAttributeNames(Map.of("#name", NAME)));
		}
		catch (ConditionalCheckFailedException ex) {
			throw new CardNameTakenException(owner, name);
		}
		return card;
	}

	@Override
	public Optional<Card> find(String owner, String name) {
		if (!isCardKey(owner, name)) {
			return Optional.empty();
		}
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem(get -> get.tableName(this.table).key(key(owner, name)).consistentRead(true))
			.item();
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(card(item));
	}

	@Override
	public List<Card> ownedBy(String owner) {
		return this.dynamoDb
			.queryPaginator(query -> query.tableName(this.table)
				.keyConditionExpression("#owner = :owner")
				.expressionAttributeNames(Map.of("#owner", OWNER))
				.expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))
				.consistentRead(true))
			.items()
			.stream()
			.map(DynamoDbCards::card)
			.toList();
	}

	@Override
	public CardPage onSale(int pageSize, @Nullable String pageToken) {
		QueryResponse response = this.dynamoDb.query(query -> query.tableName(this.table)
			.indexName(ON_SALE_INDEX.name())
			.keyConditionExpression(SALE_KEY + " = :sale")
			.expressionAttributeValues(Map.of(":sale", AttributeValue.fromS(ON_SALE)))
			.limit(pageSize)
			.exclusiveStartKey(decode(pageToken)));
		List<Card> cards = response.items().stream().map(DynamoDbCards::card).toList();
		return new CardPage(cards, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
				? encode(response.lastEvaluatedKey()) : null);
	}

	@Override
	public Card putOnSale(String owner, String name, long priceCents) {
		if (priceCents <= 0 || priceCents > Card.MAX_PRICE_CENTS) {
			throw new IllegalArgumentException("A price must be from 1 to " + Card.MAX_PRICE_CENTS + " cents");
		}
		return update(owner, name,
				"SET " + IN_SALE + " = :true, " + PRICE + " = :price, " + SALE_KEY + " = :sale, " + CARD_ID + " = :id, "
						+ LISTING + " = :listing",
				Map.of(":true", AttributeValue.fromBool(true), ":price",
						AttributeValue.fromN(Long.toString(priceCents)), ":sale", AttributeValue.fromS(ON_SALE), ":id",
						AttributeValue.fromS(cardId(owner, name)), ":listing", AttributeValue.fromS(newListing())));
	}

	@Override
	public Card withdraw(String owner, String name) {
		return update(owner, name,
				"SET " + IN_SALE + " = :false, " + PRICE + " = :zero REMOVE " + SALE_KEY + ", " + CARD_ID + ", "
						+ LISTING,
				Map.of(":false", AttributeValue.fromBool(false), ":zero", AttributeValue.fromN("0")));
	}

	/** Updates an existing card and returns it as written, in the same request. */
	private Card update(String owner, String name, String updateExpression, Map<String, AttributeValue> values) {
		if (!isCardKey(owner, name)) {
			throw new CardNotFoundException(owner, name);
		}
		try {
			return card(this.dynamoDb
				.updateItem(update -> update.tableName(this.table)
					.key(key(owner, name))
					.updateExpression(updateExpression)
					.conditionExpression("attribute_exists(#name)")
					.expressionAttributeNames(Map.of("#name", NAME))
					.expressionAttributeValues(values)
					.returnValues(ReturnValue.ALL_NEW))
				.attributes());
		}
		catch (ConditionalCheckFailedException ex) {
			throw new CardNotFoundException(owner, name);
		}
	}

	/**
	 * The write of a sale that takes the card from its owner: only while it is still the
	 * offer the buyer saw, at that price. When it fails, the card as it was comes back
	 * with the reason.
	 */
	public TransactWriteItem sold(String owner, String name, long priceCents, String listing) {
		return TransactWriteItem.builder()
			.delete(delete -> delete.tableName(this.table)
				.key(key(owner, name))
				.conditionExpression(IN_SALE + " = :true AND " + PRICE + " = :price AND " + LISTING + " = :listing")
				.expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":price",
						AttributeValue.fromN(Long.toString(priceCents)), ":listing", AttributeValue.fromS(listing)))
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
			.build();
	}

	/**
	 * The write of a sale that gives the card to its buyer: only if they have none of
	 * that name.
	 */
	public TransactWriteItem bought(Card card) {
		return TransactWriteItem.builder()
			.put(put -> put.tableName(this.table)
				.item(item(card))
				.conditionExpression("attribute_not_exists(#name)")
				.expressionAttributeNames(Map.of("#name", NAME)))
			.build();
	}

	/**
	 * Whether a card item, as a failed {@link #sold} write returned it, was still on
	 * sale.
	 */
	public static boolean isOnSale(Map<String, AttributeValue> item) {
		return item != null && Boolean.TRUE.equals(item.getOrDefault(IN_SALE, AttributeValue.fromBool(false)).bool());
	}

	/**
	 * Whether a card can have this owner and name: anything else names no card, and is
	 * refused before DynamoDB sees it (whose keys have limits of their own).
	 */
	private static boolean isCardKey(String owner, String name) {
		return Username.isWellFormed(owner) && name != null && !name.isBlank() && name.length() <= Card.MAX_NAME_LENGTH
				&& name.chars().noneMatch(Character::isISOControl);
	}

	private static Map<String, AttributeValue> key(String owner, String name) {
		return Map.of(OWNER, AttributeValue.fromS(owner), NAME, AttributeValue.fromS(name));
	}

	/**
	 * The item of a card as stored: a card changing hands is written anew under its new
	 * owner.
	 */
	private static Map<String, AttributeValue> item(Card card) {
		Map<String, AttributeValue> item = new HashMap<>(key(card.owner(), card.name()));
		if (card.imageKey() != null) {
			item.put(IMAGE_KEY, AttributeValue.fromS(card.imageKey()));
		}
		item.put(LOADED_AT, AttributeValue.fromS(card.loadedAt().toString()));
		item.put(IN_SALE, AttributeValue.fromBool(card.inSale()));
		item.put(PRICE, AttributeValue.fromN(Long.toString(card.priceCents())));
		if (card.inSale()) {
			item.put(SALE_KEY, AttributeValue.fromS(ON_SALE));
			item.put(CARD_ID, AttributeValue.fromS(cardId(card.owner(), card.name())));
			item.put(LISTING, AttributeValue.fromS(card.listing()));
		}
		return item;
	}

	private static Card card(Map<String, AttributeValue> item) {
		AttributeValue image = item.get(IMAGE_KEY);
		AttributeValue listing = item.get(LISTING);
		return new Card(attribute(item, OWNER).s(), attribute(item, NAME).s(), (image != null) ? image.s() : null,
				Instant.parse(attribute(item, LOADED_AT).s()), Boolean.TRUE.equals(attribute(item, IN_SALE).bool()),
				Long.parseLong(attribute(item, PRICE).n()), (listing != null) ? listing.s() : null);
	}

	/** An attribute every item of the table has. */
	private static AttributeValue attribute(Map<String, AttributeValue> item, String name) {
		return Objects.requireNonNull(item.get(name), () -> "No " + name + " in the item");
	}

	private String newListing() {
		byte[] bytes = new byte[LISTING_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String cardId(String owner, String name) {
		return owner + "/" + name;
	}

	// The page token is the last key the index returned; its attributes are all strings.
	private static String encode(Map<String, AttributeValue> key) {
		StringBuilder joined = new StringBuilder();
		key.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(entry -> joined.append(entry.getKey())
				.append('\u0000')
				.append(entry.getValue().s())
				.append('\u0000'));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The key a page token stands for.
	 * @throws IllegalArgumentException when the token is not one {@link #onSale} gave:
	 * nothing but a key of the index it reads goes to DynamoDB
	 */
	private static @Nullable Map<String, AttributeValue> decode(@Nullable String token) {
		if (token == null || token.isBlank()) {
			return null;
		}
		if (token.length() > MAX_PAGE_TOKEN_LENGTH) {
			throw new IllegalArgumentException("Not a page token");
		}
		String[] parts;
		try {
			parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\u0000");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a page token", ex);
		}
		if (parts.length % 2 != 0) {
			throw new IllegalArgumentException("Not a page token");
		}
		Map<String, AttributeValue> key = new HashMap<>();
		for (int i = 0; i < parts.length; i += 2) {
			key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
		}
		if (!key.keySet().equals(PAGE_KEY_ATTRIBUTES) || !ON_SALE.equals(attribute(key, SALE_KEY).s())
				|| !isCardKey(attribute(key, OWNER).s(), attribute(key, NAME).s())
				|| !cardId(attribute(key, OWNER).s(), attribute(key, NAME).s()).equals(attribute(key, CARD_ID).s())) {
			throw new IllegalArgumentException("Not a page token");
		}
		return key;
	}

}
