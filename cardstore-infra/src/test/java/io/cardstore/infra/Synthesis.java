package io.cardstore.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.infra.CardStoreInfraApp.Stacks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CardStore's stacks synthesized once for a test class (the JavaScript runtime behind the
 * CDK is slow to start), into a directory of the build where cfn-lint checks the
 * templates.
 *
 * @param directory where the cloud assembly is written
 * @param settings the settings synthesized with
 * @param stacks the stacks
 * @param store the template of the store's stack
 * @param images the template of the image repository's stack
 * @param storeJson the store's template as plain maps and lists
 */
record Synthesis(Path directory, DeploymentSettings settings, Stacks stacks, Template store, Template images,
		Map<String, Object> storeJson) {

	/**
	 * The deployment the stack tests synthesize, a replication group for the sessions:
	 * each test class starts from it and changes what it tests.
	 */
	static final Map<String, Object> CONTEXT = Map.of("prefix", "cardstore-test-", "publicUrl",
			"https://cards.example.org", "certificateArn",
			"arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555", "mailFrom",
			"cards@example.org", "imageTag", "0123456789ab");

	static Synthesis of(String directory, Map<String, Object> context) {
		NodeRuntime.current().requireSupported();
		Path outdir = Path.of("target", directory);
		App app = new App(AppProps.builder().outdir(outdir.toString()).build());
		DeploymentSettings settings = DeploymentSettings.from(context::get);
		Stacks stacks = CardStoreInfraApp.define(app, settings);
		Template store = Template.fromStack(stacks.store());
		return new Synthesis(outdir, settings, stacks, store, Template.fromStack(stacks.images()), store.toJSON());
	}

	/** The logical id of the CloudFormation resource behind a construct. */
	String logicalId(IConstruct construct) {
		IConstruct resource = (construct instanceof CfnElement) ? construct : construct.getNode().getDefaultChild();
		return this.stacks.store().getLogicalId((CfnElement) resource);
	}

	/**
	 * Every ingress rule of a security group of the store's stack, inline or as a
	 * resource of its own.
	 */
	List<Ingress> ingressRules(String securityGroup) {
		List<Ingress> rules = new ArrayList<>();
		Map<String, Object> group = properties(resources("AWS::EC2::SecurityGroup").get(securityGroup));
		for (Object rule : oneOrMany(group.get("SecurityGroupIngress"))) {
			rules.add(Ingress.of((Map<?, ?>) rule));
		}
		resources("AWS::EC2::SecurityGroupIngress").values()
			.stream()
			.map(Synthesis::properties)
			.filter((rule) -> getAtt(securityGroup, "GroupId").equals(rule.get("GroupId")))
			.forEach((rule) -> rules.add(Ingress.of(rule)));
		return rules;
	}

	/**
	 * The users of the cache's user group: the application's, allowed the store's keys
	 * and channels only, and the switched-off default user every user group must hold,
	 * both with passwords CloudFormation reads from Secrets Manager, never written in the
	 * template.
	 */
	void assertCacheUsers(String userGroup) {
		Map<String, Object> group = properties(resources("AWS::ElastiCache::UserGroup").get(userGroup));
		assertThat(group).containsEntry("Engine", "valkey");
		Map<String, Map<String, Object>> users = new LinkedHashMap<>();
		resources("AWS::ElastiCache::User").forEach((id, user) -> users.put(id, properties(user)));
		assertThat(oneOrMany(group.get("UserIds")))
			.containsExactlyInAnyOrderElementsOf(users.keySet().stream().map(Synthesis::ref).toList());

		Map<String, String> accessByName = new LinkedHashMap<>();
		users.values()
			.forEach((user) -> accessByName.put((String) user.get("UserName"), (String) user.get("AccessString")));
		assertThat(accessByName).containsExactlyInAnyOrderEntriesOf(Map.of("default", "off -@all",
				SessionCache.APPLICATION_USER, "on ~cardstore:* &cardstore:* +@all -@dangerous +info"));
		for (Map<String, Object> user : users.values()) {
			Map<?, ?> authentication = (Map<?, ?>) user.get("AuthenticationMode");
			assertThat(authentication.get("Type")).isEqualTo("password");
			assertThat(authentication.get("Passwords").toString()).contains("{{resolve:secretsmanager:")
				.contains(":SecretString:password::}}");
		}
	}

	/** A file of the project, found from the working directory (the module's) upwards. */
	static Path projectFile(String relativePath) {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.exists(directory.resolve(relativePath))) {
				return directory.resolve(relativePath);
			}
		}
		throw new IllegalStateException(relativePath + " not found above " + Path.of("").toAbsolutePath());
	}

	/** The resources of one type in the store's template, by logical id. */
	@SuppressWarnings("unchecked")
	Map<String, Map<String, Object>> resources(String type) {
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		((Map<String, Map<String, Object>>) this.storeJson.get("Resources")).forEach((id, resource) -> {
			if (type.equals(resource.get("Type"))) {
				found.put(id, resource);
			}
		});
		return found;
	}

	/** The upload bucket, beside the one its access logs go to. */
	String uploadBucket() {
		return resources("AWS::S3::Bucket").keySet()
			.stream()
			.filter((id) -> id.startsWith("UploadBucket"))
			.findFirst()
			.orElseThrow();
	}

	/** The logical id of the queue of this name. */
	String queue(String name) {
		return resourceNamed("AWS::SQS::Queue", "QueueName", name);
	}

	/** The logical id of the table of this name. */
	String table(String name) {
		return resourceNamed("AWS::DynamoDB::Table", "TableName", name);
	}

	private String resourceNamed(String type, String property, String name) {
		return resources(type).entrySet()
			.stream()
			.filter((resource) -> name.equals(properties(resource.getValue()).get(property)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type + " named " + name));
	}

	/** The session cache's CloudFormation resource of this type. */
	IConstruct cacheResource(String type) {
		return this.stacks.store()
			.cache()
			.getNode()
			.getChildren()
			.stream()
			.filter((child) -> child instanceof CfnResource resource && type.equals(resource.getCfnResourceType()))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> properties(Map<String, Object> resource) {
		return (Map<String, Object>) resource.get("Properties");
	}

	/**
	 * Every statement of every policy document in a template: identity and resource
	 * policies, trust policies.
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> policyStatements(Object node) {
		List<Map<String, Object>> statements = new ArrayList<>();
		if (node instanceof Map<?, ?> map) {
			if (map.get("Statement") instanceof List<?> list && map.containsKey("Version")) {
				list.forEach((statement) -> statements.add((Map<String, Object>) statement));
			}
			map.values().forEach((value) -> statements.addAll(policyStatements(value)));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> statements.addAll(policyStatements(value)));
		}
		return statements;
	}

	/** A value that may be one item or a list of them, as a list. */
	static List<Object> oneOrMany(Object value) {
		if (value == null) {
			return List.of();
		}
		return (value instanceof List<?> list) ? List.copyOf(list) : List.of(value);
	}

	static Map<String, Object> ref(String logicalId) {
		return Map.of("Ref", logicalId);
	}

	static Map<String, Object> getAtt(String logicalId, String attribute) {
		return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
	}

	static Map<String, Object> join(Object... parts) {
		return Map.of("Fn::Join", List.of("", List.of(parts)));
	}

	/** Who may reach a port range: a security group or an address block. */
	record Ingress(String protocol, int fromPort, int toPort, Object sourceSecurityGroup, Object cidr) {

		static Ingress of(Map<?, ?> rule) {
			return new Ingress((String) rule.get("IpProtocol"), ((Number) rule.get("FromPort")).intValue(),
					((Number) rule.get("ToPort")).intValue(), rule.get("SourceSecurityGroupId"),
					(rule.get("CidrIp") != null) ? rule.get("CidrIp") : rule.get("CidrIpv6"));
		}

	}

}
