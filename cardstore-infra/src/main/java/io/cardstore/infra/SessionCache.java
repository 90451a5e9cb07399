package io.cardstore.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cardstore.infra.DeploymentSettings.CacheMode;
import io.cardstore.session.RedisAccess;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticache.CfnParameterGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnServerlessCache;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.elasticache.CfnUser;
import software.amazon.awscdk.services.elasticache.CfnUserGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The Redis-compatible store of the HTTP sessions: ElastiCache for Valkey in the isolated
 * subnets, reached over TLS on 6379 from the store's tasks only, by a user of its own
 * whose password Secrets Manager generates and holds. Either a Multi-AZ replication group
 * (a primary and a replica, automatic failover) or ElastiCache Serverless, which is
 * always in cluster mode; the session store runs on both.
 */
public class SessionCache extends Construct {

	static final int PORT = 6379;

	static final String ENGINE = "valkey";

	static final String ENGINE_VERSION = "8.1";

	static final String SERVERLESS_MAJOR_ENGINE_VERSION = "8";

	static final String PARAMETER_GROUP_FAMILY = "valkey8";

	/** The user the application logs in as. */
	static final String APPLICATION_USER = "cardstore-app";

	/**
	 * The store's keys and channels all start with {@code cardstore:} (sessions, the
	 * session change notices, login and mail-request counts), so its user may touch
	 * nothing else, and it may run no dangerous command but INFO: the rules the session
	 * store's tests run with.
	 */
	static final String APPLICATION_ACCESS = "on " + RedisAccess.RULES;

	private final SecurityGroup securityGroup;

	private final ISecret credentials;

	// Ordered, as every map that becomes part of the template: the same input gives the
	// same
	// template, and a task definition changes only when a setting does.
	private final Map<String, String> connection = new LinkedHashMap<>();

	private final String endpoint;

	private final List<Map<String, String>> metricDimensions;

	public SessionCache(Construct scope, String id, IVpc vpc, List<ISubnet> subnets, ISecurityGroup clients,
			DeploymentSettings settings) {
		super(scope, id);
		this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
			.vpc(vpc)
			.description("CardStore session cache: Redis protocol from the store tasks only")
			.allowAllOutbound(false)
			.build();
		this.securityGroup.addIngressRule(clients, Port.tcp(PORT), "Redis over TLS from the store tasks");

		this.credentials = generatedCredentials("Credentials", APPLICATION_USER,
				"The user CardStore logs in to its session cache as");
		// A user group must hold a user named default, which a Redis client without AUTH
		// would
		// be; this one is switched off, and its password is never handed to anyone.
		ISecret defaultUserCredentials = generatedCredentials("DefaultUserCredentials", "default",
				"The switched-off default user of CardStore's session cache");
		CfnUser defaultUser = user("DefaultUser", settings.prefix() + "default", "default", "off -@all",
				defaultUserCredentials);
		CfnUser applicationUser = user("ApplicationUser", settings.prefix() + "app", APPLICATION_USER,
				APPLICATION_ACCESS, this.credentials);
		CfnUserGroup userGroup = CfnUserGroup.Builder.create(this, "UserGroup")
			.engine(ENGINE)
			.userGroupId(settings.prefix() + "sessions")
			.userIds(List.of(defaultUser.getRef(), applicationUser.getRef()))
			.build();

		List<String> subnetIds = subnets.stream().map(ISubnet::getSubnetId).toList();
		if (settings.cache() == CacheMode.SERVERLESS) {
			CfnServerlessCache cache = serverlessCache(settings, userGroup, subnetIds);
			this.endpoint = cache.getAttrEndpointAddress() + ":" + cache.getAttrEndpointPort();
			// Cluster mode: Spring Boot's cluster client, given the one endpoint, finds
			// the rest.
			this.connection.put("SPRING_DATA_REDIS_CLUSTER_NODES", this.endpoint);
			this.metricDimensions = List.of(Map.of("clusterId", cache.getServerlessCacheName()));
		}
		else {
			CfnReplicationGroup group = replicationGroup(settings, userGroup, subnetIds);
			this.endpoint = group.getAttrPrimaryEndPointAddress() + ":" + group.getAttrPrimaryEndPointPort();
			this.connection.put("SPRING_DATA_REDIS_HOST", group.getAttrPrimaryEndPointAddress());
			this.connection.put("SPRING_DATA_REDIS_PORT", group.getAttrPrimaryEndPointPort());
			// ElastiCache names a group's nodes after it: the primary and its replica.
			this.metricDimensions = List.of(Map.of("CacheClusterId", group.getReplicationGroupId() + "-001"),
					Map.of("CacheClusterId", group.getReplicationGroupId() + "-002"));
		}
		this.connection.put("SPRING_DATA_REDIS_SSL_ENABLED", "true");
	}

	/** The environment variables that point Spring Boot at the cache. */
	public Map<String, String> connection() {
		return this.connection;
	}

	/** The user name and password, as the container's secrets. */
	public Map<String, Secret> credentialSecrets() {
		Map<String, Secret> secrets = new LinkedHashMap<>();
		secrets.put("SPRING_DATA_REDIS_USERNAME", Secret.fromSecretsManager(this.credentials, "username"));
		secrets.put("SPRING_DATA_REDIS_PASSWORD", Secret.fromSecretsManager(this.credentials, "password"));
		return secrets;
	}

	/** The secret holding the application user's name and password. */
	public ISecret credentialsSecret() {
		return this.credentials;
	}

	/**
	 * The CloudWatch dimensions of the cache's metrics: one set per node, or the
	 * serverless cache's.
	 */
	public List<Map<String, String>> metricDimensions() {
		return this.metricDimensions;
	}

	/** host:port of the primary or the serverless endpoint. */
	public String endpoint() {
		return this.endpoint;
	}

	public SecurityGroup securityGroup() {
		return this.securityGroup;
	}

	private ISecret generatedCredentials(String id, String username, String description) {
		return software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, id)
			.description(description)
			.generateSecretString(SecretStringGenerator.builder()
				.secretStringTemplate("{\"username\":\"" + username + "\"}")
				.generateStringKey("password")
				// ElastiCache takes 16 to 128 printable characters, not all punctuation.
				.passwordLength(40)
				.excludePunctuation(true)
				.build())
			.build();
	}

	private CfnUser user(String id, String userId, String userName, String access, ISecret credentials) {
		return CfnUser.Builder.create(this, id)
			.engine(ENGINE)
			.userId(userId)
			.userName(userName)
			.accessString(access)
			// A dynamic reference: CloudFormation reads the password, the template never
			// holds it.
			.authenticationMode(new TreeMap<>(Map.of("Type", "password", "Passwords",
					List.of(credentials.secretValueFromJson("password").unsafeUnwrap()))))
			.build();
	}

	private CfnReplicationGroup replicationGroup(DeploymentSettings settings, CfnUserGroup userGroup,
			List<String> subnetIds) {
		CfnSubnetGroup subnetGroup = CfnSubnetGroup.Builder.create(this, "SubnetGroup")
			.description("CardStore session cache: isolated subnets")
			.subnetIds(subnetIds)
			.build();
		CfnParameterGroup parameters = CfnParameterGroup.Builder.create(this, "Parameters")
			.cacheParameterGroupFamily(PARAMETER_GROUP_FAMILY)
			.description("CardStore session cache")
			// Every key the store writes expires, so under memory pressure the least
			// recently
			// used of them go first. notify-keyspace-events stays empty, its default:
			// expiry is
			// Redis's own TTL and the store listens to no keyspace event.
			.properties(Map.of("maxmemory-policy", "volatile-lru"))
			.build();
		CfnReplicationGroup group = CfnReplicationGroup.Builder.create(this, "ReplicationGroup")
			.replicationGroupId(settings.prefix() + "sessions")
			.replicationGroupDescription("CardStore HTTP sessions")
			.engine(ENGINE)
			.engineVersion(ENGINE_VERSION)
			.cacheNodeType(settings.cacheNodeType())
			.numCacheClusters(2)
			.multiAzEnabled(true)
			.automaticFailoverEnabled(true)
			.transitEncryptionEnabled(true)
			.transitEncryptionMode("required")
			.atRestEncryptionEnabled(true)
			.userGroupIds(List.of(userGroup.getRef()))
			.cacheSubnetGroupName(subnetGroup.getRef())
			.cacheParameterGroupName(parameters.getRef())
			.securityGroupIds(List.of(this.securityGroup.getSecurityGroupId()))
			.port(PORT)
			.autoMinorVersionUpgrade(true)
			.build();
		return group;
	}

	private CfnServerlessCache serverlessCache(DeploymentSettings settings, CfnUserGroup userGroup,
			List<String> subnetIds) {
		// In-transit and at-rest encryption are always on in ElastiCache Serverless.
		return CfnServerlessCache.Builder.create(this, "ServerlessCache")
			.serverlessCacheName(settings.prefix() + "sessions")
			.description("CardStore HTTP sessions")
			.engine(ENGINE)
			.majorEngineVersion(SERVERLESS_MAJOR_ENGINE_VERSION)
			.userGroupId(userGroup.getRef())
			.subnetIds(subnetIds)
			.securityGroupIds(List.of(this.securityGroup.getSecurityGroupId()))
			.build();
	}

}
