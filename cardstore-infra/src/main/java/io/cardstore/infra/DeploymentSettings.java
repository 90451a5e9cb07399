package io.cardstore.infra;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What differs from one deployment to another, read from CDK context
 * ({@code -c name=value}). Every setting has a default so that the stacks synthesize
 * without an AWS account; the defaults of {@link #PLACEHOLDERS} are examples that cannot
 * be deployed, and the stack warns while one is in use.
 *
 * @param prefix starts the names of the tables, queues and cache of this deployment, such
 * as {@code cardstore-prod-} (the application's
 * {@code cardstore.aws.dynamodb.table-prefix})
 * @param publicUrl the store's https address, which mail links start with and browsers
 * upload from
 * @param certificateArn the ACM certificate of the public URL's host, for the load
 * balancer
 * @param mailFrom the sender address of account mail, made an SES identity
 * @param imageTag the tag of the application image in the repository to run
 * @param cache which kind of ElastiCache holds the sessions
 * @param cacheNodeType the node type of the replication group
 * @param repositoryName the ECR repository of the application image
 * @param alarmEmail where the alarms are sent (an SNS e-mail subscription, confirmed from
 * the first mail), or empty for none: the topic can be subscribed to otherwise
 */
public record DeploymentSettings(String prefix, URI publicUrl, String certificateArn, String mailFrom, String imageTag,
		CacheMode cache, String cacheNodeType, String repositoryName, String alarmEmail) {

	/**
	 * Settings whose defaults only make the stacks synthesize: each deployment gives its
	 * own.
	 */
	public static final Map<String, String> PLACEHOLDERS = Map.of("publicUrl", "https://cards.example.com",
			"certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
			"mailFrom", "no-reply@example.com", "imageTag", "example");

	/** Settings with defaults a deployment may keep. */
	public static final Map<String, String> DEFAULTS = Map.of("prefix", "cardstore-prod-", "cache",
			CacheMode.REPLICATION_GROUP.contextValue(), "cacheNodeType", "cache.t4g.small",
			// The name deploy/push-to-ecr.sh pushes to unless told otherwise.
			"repository", "cardstore-web", "alarmEmail", "");

	// Lower case, digits and single hyphens, ending with one: ElastiCache ids accept
	// nothing else.
	private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-");

	private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

	public DeploymentSettings {
		require(PREFIX.matcher(prefix).matches() && prefix.length() <= 24,
				"prefix must be lower-case letters, digits and single hyphens ending with a hyphen, at most 24 characters: "
						+ prefix);
		require("https".equals(publicUrl.getScheme()) && publicUrl.getHost() != null,
				"publicUrl must be the store's https address: " + publicUrl);
		require(certificateArn.startsWith("arn:") && certificateArn.contains(":acm:"),
				"certificateArn must be the ARN of an ACM certificate: " + certificateArn);
		require(mailFrom.matches("[^@\\s]+@[^@\\s]+"), "mailFrom must be an e-mail address: " + mailFrom);
		require(IMAGE_TAG.matcher(imageTag).matches(), "imageTag must be an image tag: " + imageTag);
		require(alarmEmail.isEmpty() || alarmEmail.matches("[^@\\s]+@[^@\\s]+"),
				"alarmEmail must be an e-mail address: " + alarmEmail);
	}

	/**
	 * The settings from this context lookup (such as
	 * {@code app.getNode()::tryGetContext}).
	 */
	public static DeploymentSettings from(Function<String, Object> context) {
		Function<String, String> setting = (name) -> {
			Object value = context.apply(name);
			return (value != null) ? value.toString() : PLACEHOLDERS.getOrDefault(name, DEFAULTS.get(name));
		};
		return new DeploymentSettings(setting.apply("prefix"), URI.create(setting.apply("publicUrl")),
				setting.apply("certificateArn"), setting.apply("mailFrom"), setting.apply("imageTag"),
				CacheMode.of(setting.apply("cache")), setting.apply("cacheNodeType"), setting.apply("repository"),
				setting.apply("alarmEmail"));
	}

	/**
	 * The origin browsers send from the store's pages: scheme, host and port of the
	 * public URL.
	 */
	public String publicOrigin() {
		String port = (this.publicUrl.getPort() != -1) ? ":" + this.publicUrl.getPort() : "";
		return this.publicUrl.getScheme() + "://" + this.publicUrl.getHost() + port;
	}

	/**
	 * The names of the settings still at their placeholder, which no deployment can use.
	 */
	public List<String> placeholdersInUse() {
		List<String> names = new ArrayList<>();
		addIf(names, "publicUrl", this.publicUrl.toString());
		addIf(names, "certificateArn", this.certificateArn);
		addIf(names, "mailFrom", this.mailFrom);
		addIf(names, "imageTag", this.imageTag);
		return names;
	}

	private static void addIf(List<String> names, String name, String value) {
		if (value.equals(PLACEHOLDERS.get(name))) {
			names.add(name);
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/** Where the sessions live. */
	public enum CacheMode {

		/**
		 * A Multi-AZ replication group: a primary and a replica with automatic failover.
		 */
		REPLICATION_GROUP("replication-group"),

		/** ElastiCache Serverless, always in cluster mode. */
		SERVERLESS("serverless");

		private final String contextValue;

		CacheMode(String contextValue) {
			this.contextValue = contextValue;
		}

		public String contextValue() {
			return this.contextValue;
		}

		static CacheMode of(String contextValue) {
			return Arrays.stream(values())
				.filter((mode) -> mode.contextValue.equals(contextValue))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"cache must be replication-group or serverless: " + contextValue));
		}

	}

}
