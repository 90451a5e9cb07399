package io.cardstore.aws.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The accounts table: registration, activation and balances. */
public class Accounts {

	public static final String USERNAME = "username";

	public static final String BALANCE = "balance";

	private static final String NAME = "name";

	private static final String EMAIL = "email";

	private static final String PASSWORD_HASH = "passwordHash";

	private static final String STATUS = "status";

	private static final String TOKEN_HASH = "tokenHash";

	private static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	public Accounts(DynamoDbClient dynamoDb, String table, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
	}

	public String table() {
		return this.table;
	}

	/**
	 * Opens a new account with the opening balance.
	 * @throws UsernameTakenException if the user name is taken
	 */
	public Account create(String username, String name, String email, String passwordHash) {
		Account account = new Account(username, name, email, passwordHash, Account.OPENING_BALANCE_CENTS,
				AccountStatus.NEW);
		try {
			this.dynamoDb.putItem(put -> put.tableName(this.table)
				.item(Map.of(USERNAME, s(username), NAME, s(name), EMAIL, s(email), PASSWORD_HASH, s(passwordHash),
						BALANCE, n(account.balanceCents()), STATUS, s(account.status().name())))
				.conditionExpression("attribute_not_exists(" + USERNAME + ")"));
		}
		catch (ConditionalCheckFailedException ex) {
			throw new UsernameTakenException(username);
		}
		return account;
	}

	/** The account, read strongly consistent so that a balance is never stale. */
	public Optional<Account> find(String username) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem(get -> get.tableName(this.table).key(key(username)).consistentRead(true))
			.item();
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(account(item));
	}

	/**
	 * Records that the activation mail is about to be sent, with the hash of its token, unless
	 * it was sent already: a redelivered request then sends no second mail.
	 * @return whether this call made the change (and so the mail must be sent)
	 */
	public boolean markActivationMailSent(String username, String tokenHash, Instant expiresAt) {
		try {
			this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(key(username))
				.updateExpression("SET #status = :sent, " + TOKEN_HASH + " = :hash, " + TOKEN_EXPIRES_AT + " = :expires")
				.conditionExpression("#status = :new")
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(Map.of(":sent", s(AccountStatus.MAIL_SENT.name()), ":new",
						s(AccountStatus.NEW.name()), ":hash", s(tokenHash), ":expires", n(expiresAt.getEpochSecond()))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	/** Undoes {@link #markActivationMailSent} when the mail could not be sent, so a retry sends it. */
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

	/** Activates the account if the token's hash matches and has not expired; a token works once. */
	public ActivationOutcome activate(String username, String tokenHash) {
		try {
			this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(key(username))
				.updateExpression("SET #status = :active REMOVE " + TOKEN_HASH + ", " + TOKEN_EXPIRES_AT)
				.conditionExpression("#status = :sent AND " + TOKEN_HASH + " = :hash AND " + TOKEN_EXPIRES_AT + " > :now")
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
			if (AccountStatus.ACTIVE.name().equals(item.get(STATUS).s())) {
				return ActivationOutcome.ALREADY_ACTIVE;
			}
			AttributeValue storedHash = item.get(TOKEN_HASH);
			if (storedHash == null || !storedHash.s().equals(tokenHash)) {
				return ActivationOutcome.INVALID_TOKEN;
			}
			return ActivationOutcome.EXPIRED_TOKEN;
		}
	}

	public static Map<String, AttributeValue> key(String username) {
		return Map.of(USERNAME, s(username));
	}

	private static Account account(Map<String, AttributeValue> item) {
		return new Account(item.get(USERNAME).s(), item.get(NAME).s(), item.get(EMAIL).s(), item.get(PASSWORD_HASH).s(),
				Long.parseLong(item.get(BALANCE).n()), AccountStatus.valueOf(item.get(STATUS).s()));
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

}
