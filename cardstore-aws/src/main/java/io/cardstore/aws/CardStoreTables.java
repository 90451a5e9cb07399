package io.cardstore.aws;

import io.cardstore.aws.account.Accounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The two tables: users (key {@code username}, with the time-to-live attribute
 * {@value Accounts#EXPIRES_AT} that removes accounts never activated) and cards (key {@code owner} + {@code name},
 * with the sparse index {@value #ON_SALE_INDEX} holding only the cards on sale). In AWS the
 * infrastructure creates them with this layout; locally, {@code cardstore.aws.dynamodb.create-tables}
 * has this class create them at startup.
 */
public class CardStoreTables implements SmartInitializingSingleton {

	public static final String ON_SALE_INDEX = "on-sale";

	private static final Log logger = LogFactory.getLog(CardStoreTables.class);

	private final DynamoDbClient dynamoDb;

	private final CardStoreAwsProperties.DynamoDb tables;

	public CardStoreTables(DynamoDbClient dynamoDb, CardStoreAwsProperties.DynamoDb tables) {
		this.dynamoDb = dynamoDb;
		this.tables = tables;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (create(CreateTableRequest.builder()
			.tableName(this.tables.usersTable())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("username"))
			.keySchema(key("username", KeyType.HASH))
			.build())) {
			// Only by the one that created the table: enabling it twice is an error.
			this.dynamoDb.updateTimeToLive(ttl -> ttl.tableName(this.tables.usersTable())
				.timeToLiveSpecification(spec -> spec.attributeName(Accounts.EXPIRES_AT).enabled(true)));
		}
		create(CreateTableRequest.builder()
			.tableName(this.tables.cardsTable())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("owner"), attribute("name"), attribute("saleKey"), attribute("cardId"))
			.keySchema(key("owner", KeyType.HASH), key("name", KeyType.RANGE))
			.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
				.indexName(ON_SALE_INDEX)
				.keySchema(key("saleKey", KeyType.HASH), key("cardId", KeyType.RANGE))
				.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
				.build())
			.build());
	}

	/** Creates a table unless it exists; whether this call created it. */
	private boolean create(CreateTableRequest request) {
		try {
			this.dynamoDb.createTable(request);
			this.dynamoDb.waiter().waitUntilTableExists(table -> table.tableName(request.tableName()));
			logger.info("Created DynamoDB table " + request.tableName());
			return true;
		}
		catch (ResourceInUseException ex) {
			// Another replica, or an earlier run, created it first.
			return false;
		}
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
