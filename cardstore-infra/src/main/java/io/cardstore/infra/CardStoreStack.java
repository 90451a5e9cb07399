package io.cardstore.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.upload.CardImageUploads;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything the store runs on in one AWS account and region, but its image repository:
 * the network, the session cache, the tables, the upload bucket, the account mail queue,
 * the mail identity, and the service behind its load balancer, with a task role allowed
 * exactly what the application calls.
 */
public class CardStoreStack extends Stack {

	static final String VPC_CIDR = "10.0.0.0/16";

	/**
	 * The account mail queue's messages go to the dead-letter queue after this many
	 * failed receives.
	 */
	static final int MAIL_MAX_RECEIVES = 3;

	private final Vpc vpc;

	private final SessionCache cache;

	private final StoreService store;

	private final StoreAlarms alarms;

	public CardStoreStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
		super(scope, id, props);
		// Access logs delivered under a bucket policy, not the legacy log-delivery ACL.
		getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
		if (!settings.placeholdersInUse().isEmpty()) {
			Annotations.of(this)
				.addWarningV2("cardstore:placeholder", "Example values, which synthesize but cannot be deployed, for "
						+ String.join(", ", settings.placeholdersInUse()) + ": give each with -c name=value");
		}

		this.vpc = network();
		// Who talked to whom, for an investigation: rejected and accepted flows, kept
		// with the logs.
		this.vpc.addFlowLog("FlowLog");
		SecurityGroup storeSecurityGroup = SecurityGroup.Builder.create(this, "StoreSecurityGroup")
			.vpc(this.vpc)
			.description("CardStore tasks")
			.allowAllOutbound(true)
			.build();
		this.cache = new SessionCache(this, "SessionCache", this.vpc, this.vpc.getIsolatedSubnets(), storeSecurityGroup,
				settings);

		Map<CardStoreTableLayout.Table, Table> tables = new LinkedHashMap<>();
		for (CardStoreTableLayout.Table layout : CardStoreTableLayout.TABLES) {
			tables.put(layout, table(layout, settings.prefix()));
		}
		Bucket accessLogs = accessLogBucket();
		Bucket uploads = uploadBucket(settings.publicOrigin(), accessLogs);
		Queue accountMail = accountMailQueue(settings.prefix());
		EmailIdentity sender = EmailIdentity.Builder.create(this, "MailFrom")
			.identity(Identity.email(settings.mailFrom()))
			.build();
		Role taskRole = taskRole(tables, uploads, accountMail, sender);

		LogGroup logs = LogGroup.Builder.create(this, "Logs")
			.retention(RetentionDays.ONE_MONTH)
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", "production");
		environment.put("CARDSTORE_PUBLIC_URL", settings.publicUrl().toString());
		// The load balancer connects from its own subnets, the public ones.
		environment.put("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES",
				InternalProxies.matching(this.vpc.getPublicSubnets().stream().map(ISubnet::getIpv4CidrBlock).toList()));
		environment.putAll(this.cache.connection());
		environment.put("CARDSTORE_AWS_DYNAMODB_TABLE_PREFIX", settings.prefix());
		environment.put("CARDSTORE_AWS_UPLOAD_BUCKET", uploads.getBucketName());
		environment.put("CARDSTORE_AWS_ACTIVATION_QUEUE", accountMail.getQueueName());
		environment.put("CARDSTORE_AWS_ACTIVATION_MAIL_FROM", settings.mailFrom());
		environment.put("SPRING_CLOUD_AWS_REGION_STATIC", getRegion());
		ContainerImage image = ContainerImage.fromEcrRepository(
				Repository.fromRepositoryName(this, "Images", settings.repositoryName()), settings.imageTag());
		this.store = new StoreService(this, "Store", this.vpc, storeSecurityGroup,
				new StoreService.Container(image, taskRole, environment, this.cache.credentialSecrets()),
				Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn()), logs);

		this.alarms = new StoreAlarms(this, "Alarms", this.store.service(), this.cache,
				accountMail.getDeadLetterQueue().getQueue(), settings.alarmEmail());
		NagFindings.suppressAccepted(this, taskRole, this.store, this.cache, accessLogs, this.alarms);

		CfnOutput.Builder.create(this, "StoreUrl")
			.description("The store's address; its DNS name must point at the load balancer")
			.value(settings.publicUrl().toString())
			.build();
		CfnOutput.Builder.create(this, "LoadBalancerDnsName")
			.description("Point the store's DNS name here (an alias or CNAME record)")
			.value(this.store.service().getLoadBalancer().getLoadBalancerDnsName())
			.build();
		CfnOutput.Builder.create(this, "CacheEndpoint")
			.description("The session cache, reached over TLS from the tasks only")
			.value(this.cache.endpoint())
			.build();
	}

	/**
	 * Two availability zones, each with a public subnet (the load balancer, the NAT
	 * gateways), a private one with egress (the tasks) and an isolated one (the cache).
	 * DynamoDB and S3 are reached through gateway endpoints, free and off the NAT
	 * gateways.
	 */
	private Vpc network() {
		return Vpc.Builder.create(this, "Network")
			.ipAddresses(IpAddresses.cidr(VPC_CIDR))
			.maxAzs(2)
			.natGateways(2)
			.subnetConfiguration(List.of(
					SubnetConfiguration.builder()
						.name("LoadBalancer")
						.subnetType(SubnetType.PUBLIC)
						.cidrMask(24)
						.build(),
					SubnetConfiguration.builder()
						.name("Tasks")
						.subnetType(SubnetType.PRIVATE_WITH_EGRESS)
						.cidrMask(24)
						.build(),
					SubnetConfiguration.builder()
						.name("Cache")
						.subnetType(SubnetType.PRIVATE_ISOLATED)
						.cidrMask(24)
						.build()))
			.gatewayEndpoints(new TreeMap<>(Map.of("S3",
					GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(), "DynamoDb",
					GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build())))
			.build();
	}

	/**
	 * A table as the application describes it, with what production adds: backups and
	 * protection.
	 */
	private Table table(CardStoreTableLayout.Table layout, String prefix) {
		Table table = Table.Builder.create(this, capitalized(layout.suffix()) + "Table")
			.tableName(layout.name(prefix))
			.partitionKey(stringAttribute(layout.partitionKey()))
			.sortKey((layout.sortKey() != null) ? stringAttribute(layout.sortKey()) : null)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.pointInTimeRecoverySpecification(
					PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
			.deletionProtection(true)
			.timeToLiveAttribute(layout.timeToLiveAttribute())
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		for (CardStoreTableLayout.Index index : layout.indexes()) {
			table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
				.indexName(index.name())
				.partitionKey(stringAttribute(index.partitionKey()))
				.sortKey(stringAttribute(index.sortKey()))
				.projectionType(ProjectionType.ALL)
				.build());
		}
		return table;
	}

	/**
	 * The private bucket browsers upload card images to with presigned PUTs from the
	 * store's pages, and are shown them from with presigned GETs.
	 */
	private Bucket uploadBucket(String storeOrigin, Bucket accessLogs) {
		return Bucket.Builder.create(this, "UploadBucket")
			.serverAccessLogsBucket(accessLogs)
			.serverAccessLogsPrefix("upload-bucket/")
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
			.encryption(BucketEncryption.S3_MANAGED)
			.enforceSsl(true)
			.minimumTlsVersion(1.2)
			.cors(List.of(CorsRule.builder()
				.allowedOrigins(List.of(storeOrigin))
				.allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
				.allowedHeaders(List.of("*"))
				.exposedHeaders(List.of("ETag"))
				.maxAge(3000)
				.build()))
			// Uploads no card claimed; a claimed image is copied under cards/images/
			// first.
			.lifecycleRules(List.of(LifecycleRule.builder()
				.id("expire-unclaimed-uploads")
				.prefix(CardImageUploads.UPLOAD_PREFIX)
				.expiration(Duration.days(CardImageUploads.UNCLAIMED_UPLOAD_DAYS))
				.build()))
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
	}

	/** The upload bucket's access logs, kept 90 days. */
	private Bucket accessLogBucket() {
		return Bucket.Builder.create(this, "AccessLogs")
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
			.encryption(BucketEncryption.S3_MANAGED)
			.enforceSsl(true)
			.lifecycleRules(List.of(LifecycleRule.builder().id("expire-logs").expiration(Duration.days(90)).build()))
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
	}

	/**
	 * Activation and password reset mail requests; one that keeps failing ends in the
	 * dead-letter queue.
	 */
	private Queue accountMailQueue(String prefix) {
		Queue deadLetters = Queue.Builder.create(this, "AccountMailDeadLetterQueue")
			.queueName(prefix + "activation-dlq")
			.encryption(QueueEncryption.SQS_MANAGED)
			.enforceSsl(true)
			.retentionPeriod(Duration.days(14))
			.build();
		return Queue.Builder.create(this, "AccountMailQueue")
			.queueName(prefix + "activation")
			.encryption(QueueEncryption.SQS_MANAGED)
			.enforceSsl(true)
			.visibilityTimeout(Duration.seconds(30))
			.deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAIL_MAX_RECEIVES).build())
			.build();
	}

	/**
	 * The role the application's AWS calls run as: the calls it makes, on its own
	 * resources. A sale's {@code TransactWriteItems} is authorized by the item actions it
	 * contains.
	 */
	private Role taskRole(Map<CardStoreTableLayout.Table, Table> tables, Bucket uploads, Queue accountMail,
			EmailIdentity sender) {
		Role role = Role.Builder.create(this, "TaskRole")
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.description("CardStore's application")
			.build();
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("Tables")
			.actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
					"dynamodb:Query", "dynamodb:ConditionCheckItem"))
			.resources(tables.values().stream().map(Table::getTableArn).toList())
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("Indexes")
			.actions(List.of("dynamodb:Query"))
			.resources(tables.entrySet()
				.stream()
				.flatMap((table) -> table.getKey()
					.indexes()
					.stream()
					.map((index) -> table.getValue().getTableArn() + "/index/" + index.name()))
				.toList())
			.build());
		// Browsers upload under one prefix, with URLs the application signs; claiming an
		// upload is
		// a CopyObject (GetObject on the upload, PutObject on the copy) to the other.
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("CardImages")
			.actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
			.resources(List.of(uploads.arnForObjects(CardImageUploads.UPLOAD_PREFIX + "*"),
					uploads.arnForObjects(CardImageUploads.IMAGE_PREFIX + "*")))
			.build());
		// Without it S3 answers 403 rather than 404 for an object that does not exist.
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("UploadBucket")
			.actions(List.of("s3:ListBucket"))
			.resources(List.of(uploads.getBucketArn()))
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("AccountMailQueue")
			.actions(List.of("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
					"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"))
			.resources(List.of(accountMail.getQueueArn()))
			.build());
		// The store's own meters, in its namespace only (PutMetricData names no
		// resource).
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("StoreMeters")
			.actions(List.of("cloudwatch:PutMetricData"))
			.resources(List.of("*"))
			.conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", StoreAlarms.NAMESPACE)))
			.build());
		// Spring Cloud AWS's JavaMailSender sends MIME messages through SES v1's
		// SendRawEmail.
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("AccountMail")
			.actions(List.of("ses:SendRawEmail"))
			.resources(List.of(sender.getEmailIdentityArn()))
			.build());
		return role;
	}

	public Vpc vpc() {
		return this.vpc;
	}

	public SessionCache cache() {
		return this.cache;
	}

	public StoreService store() {
		return this.store;
	}

	public StoreAlarms alarms() {
		return this.alarms;
	}

	private static Attribute stringAttribute(String name) {
		return Attribute.builder().name(name).type(AttributeType.STRING).build();
	}

	private static String capitalized(String name) {
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
