package io.cardstore.aws;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.CardStoreTableLayout.Index;
import io.cardstore.market.CardStoreTableLayout.Table;
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
 * Creates the tables {@link CardStoreTableLayout} describes, with their time-to-live,
 * when they do not exist yet: users (key {@code username}, with the time-to-live
 * attribute that removes accounts never activated) and cards (key {@code owner} +
 * {@code name}, with the sparse index {@value CardStoreTableLayout#ON_SALE_INDEX} holding
 * only the cards on sale). In AWS the infrastructure creates them from the same layout;
 * locally, {@code cardstore.aws.dynamodb.create-tables} has this class create them at
 * startup, and without it this class does nothing.
 */
public class CardStoreTables implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(CardStoreTables.class);

	private final DynamoDbClient dynamoDb;

	private final CardStoreAwsProperties.DynamoDb tables;

	public CardStoreTables(DynamoDbClient dynamoDb, CardStoreAwsProperties.DynamoDb tables) {
		this.dynamoDb = dynamoDb;
		this.tables = tables;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.tables.createTables()) {
			return;
		}
		for (Table table : CardStoreTableLayout.TABLES) {
			String name = table.name(this.tables.tablePrefix());
			if (create(createTableRequest(name, table)) && table.hasTimeToLive()) {
				// Only by the one that created the table: enabling it twice is an error.
				this.dynamoDb.updateTimeToLive(ttl -> ttl.tableName(name)
					.timeToLiveSpecification(spec -> spec.attributeName(table.timeToLiveAttribute()).enabled(true)));
			}
		}
	}

	static CreateTableRequest createTableRequest(String name, Table table) {
		CreateTableRequest.Builder request = CreateTableRequest.builder()
			.tableName(name)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(table.keyAttributes().stream().map(CardStoreTables::attribute).toList());
		String sortKey = table.sortKey();
		if (sortKey != null) {
			request.keySchema(key(table.partitionKey(), KeyType.HASH), key(sortKey, KeyType.RANGE));
		}
		else {
			request.keySchema(key(table.partitionKey(), KeyType.HASH));
		}
		if (!table.indexes().isEmpty()) {
			request
				.globalSecondaryIndexes(table.indexes().stream().map(CardStoreTables::globalSecondaryIndex).toList());
		}
		return request.build();
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

	private static GlobalSecondaryIndex globalSecondaryIndex(Index index) {
		return GlobalSecondaryIndex.builder()
			.indexName(index.name())
			.keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
			.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
			.build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
