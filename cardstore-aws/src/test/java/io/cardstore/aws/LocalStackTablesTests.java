package io.cardstore.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.CardStoreTableLayout.Index;
import io.cardstore.market.CardStoreTableLayout.Table;
import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LocalStack's init script creates the tables in shell, where
 * {@link CardStoreTableLayout} cannot reach: its {@code create-table} and
 * {@code update-time-to-live} commands must name the same tables, keys, index and
 * time-to-live attribute, under the application's default prefix.
 */
class LocalStackTablesTests {

	private static List<ShellCommand> commands;

	private static String defaultPrefix;

	@BeforeAll
	static void readScript() throws IOException {
		String script = Files.readString(ProjectFiles.find("localstack/init/ready.d/01-cardstore-resources.sh"));
		commands = ShellCommand.parse(script);
		defaultPrefix = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("cardstore.aws", CardStoreAwsProperties.class)
			.dynamodb()
			.tablePrefix();
	}

	@Test
	void theApplicationsTableNamesComeFromTheLayout() {
		CardStoreAwsProperties.DynamoDb tables = new Binder(
				new MapConfigurationPropertySource(Map.of("cardstore.aws.dynamodb.table-prefix", "cardstore-test-")))
			.bindOrCreate("cardstore.aws", CardStoreAwsProperties.class)
			.dynamodb();

		assertThat(tables.usersTable()).isEqualTo(CardStoreTableLayout.USERS.name("cardstore-test-"));
		assertThat(tables.cardsTable()).isEqualTo(CardStoreTableLayout.CARDS.name("cardstore-test-"));
	}

	@Test
	void theScriptCreatesTheTablesOfTheLayoutAndNoOther() {
		assertThat(createTableCommands().stream().map((command) -> command.option("--table-name")))
			.containsExactlyElementsOf(CardStoreTableLayout.TABLES.stream().map(this::name).toList());
	}

	@Test
	void eachTableHasTheLayoutsKeysAndIndexes() {
		for (Table table : CardStoreTableLayout.TABLES) {
			ShellCommand create = createTableCommands().stream()
				.filter((command) -> name(table).equals(command.option("--table-name")))
				.findFirst()
				.orElseThrow();

			assertThat(create.option("--billing-mode")).as(table.suffix()).isEqualTo("PAY_PER_REQUEST");
			assertThat(create.values("--attribute-definitions")).as(table.suffix())
				.containsExactlyElementsOf(table.keyAttributes()
					.stream()
					.map((attribute) -> "AttributeName=" + attribute + ",AttributeType=S")
					.toList());
			List<String> keySchema = new ArrayList<>(
					List.of("AttributeName=" + table.partitionKey() + ",KeyType=HASH"));
			if (table.hasSortKey()) {
				keySchema.add("AttributeName=" + table.sortKey() + ",KeyType=RANGE");
			}
			assertThat(create.values("--key-schema")).as(table.suffix()).containsExactlyElementsOf(keySchema);
			assertThat(indexes(create)).as(table.suffix()).containsExactlyElementsOf(table.indexes());
		}
	}

	@Test
	void theTimeToLiveIsEnabledOnTheLayoutsAttributeOnly() {
		Map<String, String> expected = new LinkedHashMap<>();
		for (Table table : CardStoreTableLayout.TABLES) {
			if (table.hasTimeToLive()) {
				expected.put(name(table), "Enabled=true,AttributeName=" + table.timeToLiveAttribute());
			}
		}

		Map<String, String> enabled = commands.stream()
			.filter((command) -> command.startsWith("awslocal", "dynamodb", "update-time-to-live"))
			.collect(Collectors.toMap((command) -> command.option("--table-name"),
					(command) -> command.option("--time-to-live-specification"), (a, b) -> a + " and " + b,
					LinkedHashMap::new));
		assertThat(enabled).isEqualTo(expected);
	}

	private String name(Table table) {
		return table.name(defaultPrefix);
	}

	private static List<ShellCommand> createTableCommands() {
		return commands.stream()
			.filter((command) -> command.startsWith("awslocal", "dynamodb", "create-table"))
			.toList();
	}

	/**
	 * The indexes of a create-table command, with their projection checked: the layout's
	 * project every attribute.
	 */
	private static List<Index> indexes(ShellCommand create) {
		String json = create.option("--global-secondary-indexes");
		if (json == null) {
			return List.of();
		}
		List<Index> indexes = new ArrayList<>();
		for (JsonNode index : JsonMapper.builder().build().readTree(json)) {
			assertThat(index.path("Projection").path("ProjectionType").asString()).isEqualTo("ALL");
			JsonNode keys = index.path("KeySchema");
			assertThat(keys).hasSize(2);
			assertThat(keys.get(0).path("KeyType").asString()).isEqualTo("HASH");
			assertThat(keys.get(1).path("KeyType").asString()).isEqualTo("RANGE");
			indexes.add(new Index(index.path("IndexName").asString(), keys.get(0).path("AttributeName").asString(),
					keys.get(1).path("AttributeName").asString()));
		}
		return indexes;
	}

	/**
	 * One simple command of a shell script, as the words bash passes to it: quotes
	 * removed, continuation lines joined, comments dropped, nothing expanded.
	 */
	record ShellCommand(List<String> words) {

		boolean startsWith(String... prefix) {
			return this.words.size() >= prefix.length && this.words.subList(0, prefix.length).equals(List.of(prefix));
		}

		/** The word after this option, or {@code null} without the option. */
		String option(String name) {
			int at = this.words.indexOf(name);
			return (at < 0 || at + 1 >= this.words.size()) ? null : this.words.get(at + 1);
		}

		/** The words after this option up to the next option. */
		List<String> values(String name) {
			int at = this.words.indexOf(name);
			List<String> values = new ArrayList<>();
			for (int i = at + 1; at >= 0 && i < this.words.size() && !this.words.get(i).startsWith("--"); i++) {
				values.add(this.words.get(i));
			}
			return values;
		}

		static List<ShellCommand> parse(String script) {
			List<ShellCommand> commands = new ArrayList<>();
			List<String> words = new ArrayList<>();
			StringBuilder word = null;
			for (int i = 0; i < script.length(); i++) {
				char c = script.charAt(i);
				if (c == '\'') {
					int end = script.indexOf('\'', i + 1);
					word = append(word, script.substring(i + 1, end));
					i = end;
				}
				else if (c == '"') {
					word = (word != null) ? word : new StringBuilder();
					for (i++; script.charAt(i) != '"'; i++) {
						char d = script.charAt(i);
						if (d == '\\' && "\"\\$`\n".indexOf(script.charAt(i + 1)) >= 0) {
							d = script.charAt(++i);
						}
						word.append(d);
					}
				}
				else if (c == '\\') {
					char next = script.charAt(++i);
					if (next != '\n') {
						word = append(word, String.valueOf(next));
					}
				}
				else if (c == '#' && word == null) {
					int end = script.indexOf('\n', i);
					i = ((end < 0) ? script.length() : end) - 1;
				}
				else if (c == ' ' || c == '\t' || c == '\n' || c == ';') {
					if (word != null) {
						words.add(word.toString());
						word = null;
					}
					if ((c == '\n' || c == ';') && !words.isEmpty()) {
						commands.add(new ShellCommand(List.copyOf(words)));
						words.clear();
					}
				}
				else {
					word = append(word, String.valueOf(c));
				}
			}
			if (word != null) {
				words.add(word.toString());
			}
			if (!words.isEmpty()) {
				commands.add(new ShellCommand(List.copyOf(words)));
			}
			return commands;
		}

		private static StringBuilder append(StringBuilder word, String text) {
			return ((word != null) ? word : new StringBuilder()).append(text);
		}

	}

}
