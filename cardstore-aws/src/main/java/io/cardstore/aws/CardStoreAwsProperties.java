package io.cardstore.aws;

import java.net.URI;
import java.time.Duration;

import io.cardstore.aws.mail.AccountMailListener;
import io.cardstore.market.CardStoreTableLayout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of CardStore's AWS integrations. Endpoints, region and credentials are Spring
 * Cloud AWS's own ({@code spring.cloud.aws.*}); in AWS they come from the instance or
 * task role, never from here.
 *
 * @param dynamodb The account and card tables.
 * @param upload Direct uploads of card images to S3.
 * @param activation Account activation by e-mail, and the queue of all account mail.
 * @param passwordReset Setting a forgotten password by e-mail.
 * @param accounts New accounts.
 */
@ConfigurationProperties("cardstore.aws")
public record CardStoreAwsProperties(@DefaultValue DynamoDb dynamodb, @DefaultValue Upload upload,
		@DefaultValue Activation activation, @DefaultValue PasswordReset passwordReset,
		@DefaultValue AccountSettings accounts) {

	/**
	 * @param openingBalanceCents What a new account starts with, in cents: play money for
	 * a demonstration (100.00 unless set), none where money is real.
	 */
	public record AccountSettings(@DefaultValue("10000") long openingBalanceCents) {
	}

	/**
	 * @param tablePrefix Prefix of the table names, one per environment
	 * ({@code <prefix>users}, {@code <prefix>cards}, {@code <prefix>ledger}).
	 * @param createTables Whether to create missing tables at startup: for local runs; in
	 * AWS the infrastructure creates them.
	 */
	public record DynamoDb(@DefaultValue("cardstore-") String tablePrefix,
			@DefaultValue("false") boolean createTables) {

		public String usersTable() {
			return CardStoreTableLayout.USERS.name(this.tablePrefix);
		}

		public String cardsTable() {
			return CardStoreTableLayout.CARDS.name(this.tablePrefix);
		}

		public String ledgerTable() {
			return CardStoreTableLayout.LEDGER.name(this.tablePrefix);
		}

	}

	/**
	 * @param bucket The private bucket card images are uploaded to.
	 * @param maxSize Largest image accepted.
	 * @param expiry How long a presigned upload stays valid, at most 5 minutes.
	 * @param browserEndpoint The S3 endpoint browsers reach, when it differs from the one
	 * the application uses (locally, an emulator behind another address); empty in AWS.
	 * @param publicBaseUrl Where images are served from, such as a CloudFront
	 * distribution; empty to show them through short-lived presigned URLs.
	 * @param viewExpiry How long a presigned URL showing an image stays valid.
	 */
	public record Upload(String bucket, @DefaultValue("2MB") DataSize maxSize, @DefaultValue("5m") Duration expiry,
			URI browserEndpoint, URI publicBaseUrl, @DefaultValue("1h") Duration viewExpiry) {
	}

	/**
	 * @param queue The SQS queue of account mail requests (activation and password
	 * reset).
	 * @param tokenValidity How long an activation link stays valid; an account not
	 * activated by then expires.
	 * @param mailFrom The sender of account mails (an SES verified identity in AWS).
	 */
	public record Activation(@DefaultValue(AccountMailListener.DEFAULT_QUEUE) String queue,
			@DefaultValue("24h") Duration tokenValidity, @DefaultValue("no-reply@cardstore.local") String mailFrom) {
	}

	/**
	 * @param validity How long a password reset link stays valid.
	 * @param resendAfter How long after a reset mail an account gets the next one,
	 * however many clients ask: the earlier link still works meanwhile.
	 */
	public record PasswordReset(@DefaultValue("30m") Duration validity, @DefaultValue("10m") Duration resendAfter) {
	}

}
