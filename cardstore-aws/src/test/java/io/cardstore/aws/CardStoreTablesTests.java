package io.cardstore.aws;

import java.util.function.Consumer;

import io.cardstore.market.CardStoreTableLayout;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;
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
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The tables created from {@link CardStoreTableLayout} are the ones CardStore has always
 * created, and the time-to-live is enabled only by whoever created the users table.
 */
class CardStoreTablesTests {

	private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);

	private final CardStoreTables tables = new CardStoreTables(this.dynamoDb,
			new CardStoreAwsProperties.DynamoDb("test-", true));

	@Test
	void theUsersTableIsKeyedByUserName() {
		assertThat(CardStoreTables.createTableRequest("test-users", CardStoreTableLayout.USERS))
			.isEqualTo(CreateTableRequest.builder()
				.tableName("test-users")
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.attributeDefinitions(attribute("username"))
				.keySchema(key("username", KeyType.HASH))
				.build());
	}

	@Test
	void theCardsTableIsKeyedByOwnerAndNameWithTheOnSaleIndex() {
		assertThat(CardStoreTables.createTableRequest("test-cards", CardStoreTableLayout.CARDS))
			.isEqualTo(CreateTableRequest.builder()
				.tableName("test-cards")
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.attributeDefinitions(attribute("owner"), attribute("name"), attribute("saleKey"), attribute("cardId"))
				.keySchema(key("owner", KeyType.HASH), key("name", KeyType.RANGE))
				.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
					.indexName("on-sale")
					.keySchema(key("saleKey", KeyType.HASH), key("cardId", KeyType.RANGE))
					.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
					.build())
				.build());
	}

	@Test
	void creatingTheUsersTableEnablesItsTimeToLive() {
		given(this.dynamoDb.waiter()).willReturn(mock(DynamoDbWaiter.class));

		this.tables.afterSingletonsInstantiated();

		then(this.dynamoDb).should().createTable(argThat(named("test-users")));
		then(this.dynamoDb).should().createTable(argThat(named("test-cards")));
		then(this.dynamoDb).should().updateTimeToLive(argThat((Consumer<UpdateTimeToLiveRequest.Builder> update) -> {
			UpdateTimeToLiveRequest.Builder request = UpdateTimeToLiveRequest.builder();
			update.accept(request);
			return request.build()
				.equals(UpdateTimeToLiveRequest.builder()
					.tableName("test-users")
					.timeToLiveSpecification((spec) -> spec.attributeName("expiresAt").enabled(true))
					.build());
		}));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aTableThatExistsAlreadyIsLeftAsItIs() {
		given(this.dynamoDb.createTable(any(CreateTableRequest.class)))
			.willThrow(ResourceInUseException.builder().message("Table already exists").build());

		this.tables.afterSingletonsInstantiated();

		then(this.dynamoDb).should(never()).updateTimeToLive(any(Consumer.class));
		then(this.dynamoDb).should(never()).updateTimeToLive(any(UpdateTimeToLiveRequest.class));
	}

	private static ArgumentMatcher<CreateTableRequest> named(String tableName) {
		return (request) -> tableName.equals(request.tableName());
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
