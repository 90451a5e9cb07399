package io.cardstore.aws.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.ActivationOutcome;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.account.LinkToken;
import io.cardstore.market.account.Username;
import io.cardstore.market.account.UsernameTakenException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The accounts table: registration, activation, passwords and balances. Tokens of
 * activation and reset links are stored as hashes only; every change of a balance is
 * booked in the {@link Ledger} in the same transaction.
 */
public class DynamoDbAccounts implements Accounts {

	private static final String USERNAME = CardStoreTableLayout.USERS.partitionKey();

	private static final String BALANCE = "balance";

	/** How many entries the account's {@link Ledger} has: the number of the last one. */
	private static final String LEDGER_ENTRIES = "ledgerEntries";

	private static final String NAME = "name";

	private static final String EMAIL = "email";

	private static final String PASSWORD_HASH = "passwordHash";

	private static final String STATUS = "status";

	private static final String TOKEN_HASH = "tokenHash";

	private static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";

	private static final String RESET_TOKEN_HASH = "resetTokenHash";

	private static final String RESET_EXPIRES_AT = "resetExpiresAt";

	private static final String RESET_REQUEST = "resetRequest";

	private static final String CREDENTIAL_VERSION = "credentialVersion";

	/**
	 * The update that moves the credential version on (accounts of earlier versions have
	 * none).
	 */
	private static final String NEXT_CREDENTIAL_VERSION = CREDENTIAL_VERSION + " = if_not_exists(" + CREDENTIAL_VERSION
			+ ", :zero) + :one";

	private static final Map<String, AttributeValue> VERSION_STEP = Map.of(":zero", n(0), ":one", n(1));

	/**
	 * When an account that was never activated goes: the table's time-to-live attribute
	 * (seconds since the epoch), removed at activation. DynamoDB deletes such items
	 * within a day or two; until then the user name may be registered again.
	 */
	private static final String EXPIRES_AT = Objects.requireNonNull(CardStoreTableLayout.USERS.timeToLiveAttribute());

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	private final Duration unactivatedLifetime;

	private final long openingBalanceCents;

	private final DynamoDbLedger ledger;

	/**
	 * @param unactivatedLifetime how long an account that is not activated is kept
	 * @param openingBalanceCents what a new account starts with
	 * @param ledger where the opening balance is booked
	 */
	public DynamoDbAccounts(DynamoDbClient dynamoDb, String table, Clock clock, Duration unactivatedLifetime,
			long openingBalanceCents, DynamoDbLedger ledger) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.ledger = ledger;
		this.clock = clock;
		this.unactivatedLifetime = unactivatedLifetime;
		this.openingBalanceCents = openingBalanceCents;
	}

	public String table() {
		return this.table;
	}

	@Override
	public Account create(String username, String name, String email, String passwordHash) {
		Account account = new Account(username, name, email, passwordHash, this.openingBalanceCents, AccountStatus.NEW,
				0, 1);
		Instant now = this.clock.instant();
		TransactWriteItem put = TransactWriteItem.builder()
			.put(item -> item.tableName(this.table)
				.item(Map.of(USERNAME, s(username), NAME, s(name), EMAIL, s(email), PASSWORD_HASH, s(passwordHash),
						BALANCE, n(account.balanceCents()), LEDGER_ENTRIES, n(account.ledgerEntries()), STATUS,
						s(account.status().name()), EXPIRES_AT, n(now.plus(this.unactivatedLifetime).getEpochSecond())))
				// Free, or held by an unactivated account past its lifetime that DynamoDB
				// has not removed yet.
				.conditionExpression("attribute_not_exists(" + USERNAME + ") OR " + EXPIRES_AT + " < :now")
				.expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))))
			.build();
		LedgerEntry opening = new LedgerEntry(1, now, LedgerEntry.Kind.OPENING, null, null, account.balanceCents(),
				account.balanceCents());
		try {
			this.dynamoDb.transactWriteItems(write -> write.transactItems(put, this.ledger.written(username, opening)));
		}
		catch (TransactionCanceledException ex) {
			if (ex.cancellationReasons()
				.stream()
				.anyMatch((reason) -> "ConditionalCheckFailed".equals(reason.code()))) {
				throw new UsernameTakenException(username);
			}
			throw ex;
		}
		return account;
	}

	@Override
	public Optional<Account> find(String username) {
		if (!Username.isWellFormed(username)) {
			return Optional.empty();
		}
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem(get -> get.tableName(this.table).key(key(username)).consistentRead(true))
			.item();
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(account(item));
	}

	@Override
	public boolean markActivationMailSent(String username, String tokenHash, Instant expiresAt) {
		try {
			this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(key(username))
				.updateExpression(
						"SET #status = :sent, " + TOKEN_HASH + " = :hash, " + TOKEN_EXPIRES_AT + " = :expires")
				.conditionExpression("#status = :new")
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(
						Map.of(":sent", s(AccountStatus.MAIL_SENT.name()), ":new", s(AccountStatus.NEW.name()), ":hash",
								s(tokenHash), ":expires", n(expiresAt.getEpochSecond()))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	@Override
	public void unmarkActivationMailSent(String username, String tokenHash) {
		try {
			this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(key(username))
				.updateExpression("SET #status = :new REMOVE " + TOKEN_HASH + ", " + TOKEN_EXPIRES_AT)
				.conditionExpression("#status = :sent AND " + TOKEN_HASH + " = :hash")
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(Map.of(":sent", s(AccountStatus.MAIL_SENT.name()), ":new",
						s(AccountStatus.NEW.name()), ":hash", s(tokenHash))));
		}
		catch (ConditionalCheckFailedException ex) {
			// Activated or re-sent meanwhile: nothing to undo.
		}
	}

	@Override
	public ActivationOutcome activate(String username, String token) {
		if (!Username.isWellFormed(username)) {
			return ActivationOutcome.UNKNOWN_USER;
		}
		String tokenHash = LinkToken.hash(token);
		try {
			this.dynamoDb
				.updateItem(update -> update.tableName(this.table)
					.key(key(username))
					.updateExpression(
							"SET #status = :active REMOVE " + TOKEN_HASH + ", " + TOKEN_EXPIRES_AT + ", " + EXPIRES_AT)
					.conditionExpression(
							"#status = :sent AND " + TOKEN_HASH + " = :hash AND " + TOKEN_EXPIRES_AT + " > :now")
					.expressionAttributeNames(Map.of("#status", STATUS))
					.expressionAttributeValues(Map.of(":active", s(AccountStatus.ACTIVE.name()), ":sent",
							s(AccountStatus.MAIL_SENT.name()), ":hash", s(tokenHash), ":now",
							n(this.clock.instant().getEpochSecond())))
					.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
			return ActivationOutcome.ACTIVATED;
		}
		catch (ConditionalCheckFailedException ex) {
			Map<String, AttributeValue> item = ex.item();
			if (item == null || item.isEmpty()) {
				return ActivationOutcome.UNKNOWN_USER;
			}
			if (AccountStatus.ACTIVE.name().equals(attribute(item, STATUS).s())) {
				return ActivationOutcome.ALREADY_ACTIVE;
			}
			AttributeValue storedHash = item.get(TOKEN_HASH);
			if (storedHash == null || !storedHash.s().equals(tokenHash)) {
				return ActivationOutcome.INVALID_TOKEN;
			}
			return ActivationOutcome.EXPIRED_TOKEN;
		}
	}

	@Override
	public boolean changePassword(String username, String passwordHash) {
		return update(username,
				"SET " + PASSWORD_HASH + " = :hash, " + NEXT_CREDENTIAL_VERSION + " REMOVE " + RESET_TOKEN_HASH + ", "
						+ RESET_EXPIRES_AT + ", " + RESET_REQUEST,
				"#status = :active",
				with(VERSION_STEP, Map.of(":hash", s(passwordHash), ":active", s(AccountStatus.ACTIVE.name()))));
	}

	@Override
	public boolean updatePasswordHash(String username, String previousHash, String passwordHash) {
		return update(username, "SET " + PASSWORD_HASH + " = :hash",
				"#status = :active AND " + PASSWORD_HASH + " = :old",
				Map.of(":hash", s(passwordHash), ":active", s(AccountStatus.ACTIVE.name()), ":old", s(previousHash)));
	}

	@Override
	public boolean disable(String username) {
		return update(username,
				"SET #status = :disabled, " + NEXT_CREDENTIAL_VERSION + " REMOVE " + RESET_TOKEN_HASH + ", "
						+ RESET_EXPIRES_AT + ", " + RESET_REQUEST,
				"attribute_exists(" + USERNAME + ")",
				with(VERSION_STEP, Map.of(":disabled", s(AccountStatus.DISABLED.name()))));
	}

	@Override
	public boolean startPasswordReset(String username, String tokenHash, Instant expiresAt, String requestId,
			Instant replaceUntil) {
		return update(username,
				"SET " + RESET_TOKEN_HASH + " = :hash, " + RESET_EXPIRES_AT + " = :expires, " + RESET_REQUEST
						+ " = :request",
				"#status = :active AND (attribute_not_exists(" + RESET_REQUEST + ") OR " + RESET_REQUEST
						+ " <> :request)" + " AND (attribute_not_exists(" + RESET_EXPIRES_AT + ") OR "
						+ RESET_EXPIRES_AT + " <= :until)",
				Map.of(":hash", s(tokenHash), ":expires", n(expiresAt.getEpochSecond()), ":request", s(requestId),
						":active", s(AccountStatus.ACTIVE.name()), ":until", n(replaceUntil.getEpochSecond())));
	}

	@Override
	public void cancelPasswordReset(String username, String tokenHash) {
		update(username, "REMOVE " + RESET_TOKEN_HASH + ", " + RESET_EXPIRES_AT + ", " + RESET_REQUEST,
				RESET_TOKEN_HASH + " = :hash", Map.of(":hash", s(tokenHash)));
	}

	@Override
	public boolean isPasswordResetValid(String username, String token) {
		if (!Username.isWellFormed(username)) {
			return false;
		}
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem(get -> get.tableName(this.table).key(key(username)).consistentRead(true))
			.item();
		if (item == null || item.get(RESET_TOKEN_HASH) == null || item.get(RESET_EXPIRES_AT) == null) {
			return false;
		}
		return AccountStatus.ACTIVE.name().equals(attribute(item, STATUS).s())
				&& MessageDigest.isEqual(item.get(RESET_TOKEN_HASH).s().getBytes(StandardCharsets.US_ASCII),
						LinkToken.hash(token).getBytes(StandardCharsets.US_ASCII))
				&& Long.parseLong(item.get(RESET_EXPIRES_AT).n()) > this.clock.instant().getEpochSecond();
	}

	@Override
	public boolean resetPassword(String username, String token, String passwordHash) {
		if (!Username.isWellFormed(username)) {
			return false;
		}
		return update(username,
				"SET " + PASSWORD_HASH + " = :password, " + NEXT_CREDENTIAL_VERSION + " REMOVE " + RESET_TOKEN_HASH
						+ ", " + RESET_EXPIRES_AT + ", " + RESET_REQUEST,
				"#status = :active AND " + RESET_TOKEN_HASH + " = :hash AND " + RESET_EXPIRES_AT + " > :now",
				with(VERSION_STEP, Map.of(":password", s(passwordHash), ":hash", s(LinkToken.hash(token)), ":now",
						n(this.clock.instant().getEpochSecond()), ":active", s(AccountStatus.ACTIVE.name()))));
	}

	/** A conditional update of one account; whether the condition held. */
	private boolean update(String username, String expression, String condition, Map<String, AttributeValue> values) {
		try {
			this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(key(username))
				.updateExpression(expression)
				.conditionExpression(condition)
				.expressionAttributeNames(condition.contains("#status") || expression.contains("#status")
						? Map.of("#status", STATUS) : null)
				.expressionAttributeValues(values));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	/**
	 * The write that moves an account's balance to a new value with the entries of its
	 * ledger that explain it, only if the account is still as it was read: same balance,
	 * same entry count. A transaction with it and the ledger's entries books the change
	 * or nothing; when another change came first, it fails, and the caller reads the
	 * account again.
	 * @param read the account as read before
	 * @param balanceCents its new balance, never below zero
	 * @param ledgerEntries its new entry count, the number of its last entry
	 */
	public TransactWriteItem booked(Account read, long balanceCents, long ledgerEntries) {
		if (balanceCents < 0) {
			throw new IllegalArgumentException("A balance is never below zero");
		}
		// Accounts opened before the ledger have no entry count yet.
		String unchanged = BALANCE + " = :read AND " + ((read.ledgerEntries() == 0)
				? "attribute_not_exists(" + LEDGER_ENTRIES + ")" : LEDGER_ENTRIES + " = :entries");
		Map<String, AttributeValue> values = new HashMap<>(
				Map.of(":read", n(read.balanceCents()), ":balance", n(balanceCents), ":next", n(ledgerEntries)));
		if (read.ledgerEntries() != 0) {
			values.put(":entries", n(read.ledgerEntries()));
		}
		return TransactWriteItem.builder()
			.update(update -> update.tableName(this.table)
				.key(key(read.username()))
				.updateExpression("SET " + BALANCE + " = :balance, " + LEDGER_ENTRIES + " = :next")
				.conditionExpression(unchanged)
				.expressionAttributeValues(values))
			.build();
	}

	private static Map<String, AttributeValue> with(Map<String, AttributeValue> first,
			Map<String, AttributeValue> second) {
		Map<String, AttributeValue> both = new HashMap<>(first);
		both.putAll(second);
		return both;
	}

	private static Map<String, AttributeValue> key(String username) {
		return Map.of(USERNAME, s(username));
	}

	private static Account account(Map<String, AttributeValue> item) {
		AttributeValue version = item.get(CREDENTIAL_VERSION);
		AttributeValue entries = item.get(LEDGER_ENTRIES);
		return new Account(attribute(item, USERNAME).s(), attribute(item, NAME).s(), attribute(item, EMAIL).s(),
				attribute(item, PASSWORD_HASH).s(), Long.parseLong(attribute(item, BALANCE).n()),
				AccountStatus.valueOf(attribute(item, STATUS).s()), (version != null) ? Long.parseLong(version.n()) : 0,
				(entries != null) ? Long.parseLong(entries.n()) : 0);
	}

	/** An attribute every item of the table has. */
	private static AttributeValue attribute(Map<String, AttributeValue> item, String name) {
		return Objects.requireNonNull(item.get(name), () -> "No " + name + " in the item");
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

}
