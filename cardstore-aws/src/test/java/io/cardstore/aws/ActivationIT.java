package io.cardstore.aws;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.mail.AccountMailRequest;
import io.cardstore.aws.mail.AccountMailRequests;
import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.ActivationOutcome;
import io.cardstore.market.account.LinkToken;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResourceNames;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.mail.MailCatcher;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registration puts a request on the queue; the listener sends one mail whose link
 * activates the account, and a reset request one whose link sets the password once. The
 * rules of the accounts that need no mail are {@link DynamoDbAccountsIT}'s.
 */
@SpringBootTest(classes = AwsTestApplication.class)
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class ActivationIT {

	static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

	static final SqsClient sqs = AwsResources.sqsClient(AwsEmulators.shared().sqsEndpoint());

	@Autowired
	DynamoDbAccounts accounts;

	@Autowired
	AccountMailRequests requests;

	final MailCatcher mail = MailCatcher.shared();

	TestAccounts testAccounts;

	@AfterAll
	static void closeClient() {
		sqs.close();
	}

	@BeforeEach
	void openAccounts() {
		this.testAccounts = new TestAccounts(this.accounts, "Ada <Lovelace>");
	}

	@Test
	void theMailArrivesWithALinkThatActivatesTheAccountOnce() throws Exception {
		String username = this.testAccounts.create();

		this.requests.publish(AccountMailRequest.activation(username, Locale.ENGLISH));

		MimeMessage message = awaitOneMailTo(username);
		assertThat(message.getSubject()).isEqualTo("Activate your CardStore account");
		String text = MailCatcher.part(message, "text/plain").orElseThrow();
		assertThat(text).startsWith("Hello " + username + ",")
			.contains("http://localhost:8080/activate?username=" + username + "&token=")
			.contains("The link works once and for 24 hours.");
		assertThat(MailCatcher.part(message, "text/html").orElseThrow()).contains("<html lang=\"en\">",
				"<a href=\"http://localhost:8080/activate?username=" + username + "&amp;token=");
		String token = token(text);
		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.MAIL_SENT);

		assertThat(this.accounts.activate(username, token)).isEqualTo(ActivationOutcome.ACTIVATED);
		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(this.accounts.activate(username, token)).isEqualTo(ActivationOutcome.ALREADY_ACTIVE);
	}

	@Test
	void aRedeliveredRequestSendsNoSecondMail() {
		String username = this.testAccounts.create();
		AccountMailRequest request = AccountMailRequest.activation(username, Locale.ENGLISH);
		this.requests.publish(request);
		awaitOneMailTo(username);

		this.requests.publish(request);
		awaitQueueDrained(AwsEmulators.shared().resources().activationQueue());

		assertThat(this.mail.messagesTo(TestAccounts.email(username))).hasSize(1);
	}

	@Test
	void aResetRequestSendsOneMailWhoseTokenSetsThePasswordOnce() {
		String username = this.testAccounts.createActivated();
		AccountMailRequest request = AccountMailRequest.passwordReset(username, Locale.ENGLISH);

		this.requests.publish(request);
		MimeMessage message = awaitOneMailTo(username);
		this.requests.publish(request);
		awaitQueueDrained(AwsEmulators.shared().resources().activationQueue());

		assertThat(this.mail.messagesTo(TestAccounts.email(username))).as("a redelivered request sends no second mail")
			.hasSize(1);
		String text = MailCatcher.part(message, "text/plain").orElseThrow();
		assertThat(text).contains("http://localhost:8080/password/reset?username=" + username).contains("30 minutes");
		String token = token(text);
		assertThat(this.accounts.isPasswordResetValid(username, token)).isTrue();
		assertThat(this.accounts.resetPassword(username, LinkToken.generate().value(), "{noop}forged")).isFalse();
		assertThat(this.accounts.resetPassword(username, token, "{noop}new")).isTrue();
		assertThat(this.accounts.resetPassword(username, token, "{noop}again")).as("once").isFalse();
		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).isEqualTo("{noop}new");
	}

	@Test
	void aMailIsWrittenInTheLanguageOfThePageThatAskedForIt() throws Exception {
		String username = this.testAccounts.createActivated();

		this.requests.publish(AccountMailRequest.passwordReset(username, Locale.GERMAN));

		MimeMessage message = awaitOneMailTo(username);
		assertThat(message.getSubject()).isEqualTo("Neues Passwort für Ihr CardStore-Konto");
		assertThat(MailCatcher.part(message, "text/plain").orElseThrow()).startsWith("Hallo " + username + ",")
			.contains("Öffnen Sie diesen Link", "http://localhost:8080/password/reset?username=" + username + "&token=",
					"einmal und 30 Minuten lang")
			.doesNotContain("the link", "??");
		assertThat(MailCatcher.part(message, "text/html").orElseThrow()).contains("<html lang=\"de\">",
				">Neues Passwort wählen</a>");
	}

	@Test
	void aRequestQueuedWithoutALanguageGetsItsMailInEnglish() throws Exception {
		String username = this.testAccounts.create();
		// As an earlier version wrote it: no language.
		String body = "{\"username\":\"" + username + "\",\"purpose\":\"ACTIVATION\",\"requestId\":\""
				+ UUID.randomUUID() + "\"}";

		sqs.sendMessage(
				send -> send.queueUrl(queueUrl(AwsEmulators.shared().resources().activationQueue())).messageBody(body));

		assertThat(awaitOneMailTo(username).getSubject()).isEqualTo("Activate your CardStore account");
	}

	@Test
	void aMalformedRequestEndsInTheDeadLetterQueue() {
		AwsResourceNames names = AwsEmulators.shared().resources();
		String body = "{\"username\": " + UUID.randomUUID() + " this is not JSON";

		sqs.sendMessage(send -> send.queueUrl(queueUrl(names.activationQueue())).messageBody(body));

		String deadLetters = queueUrl(names.activationDeadLetterQueue());
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Message> received = sqs
				.receiveMessage(receive -> receive.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages();
			assertThat(received).extracting(Message::body).contains(body);
		});
	}

	private MimeMessage awaitOneMailTo(String username) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mail.messagesTo(TestAccounts.email(username)).size() == 1);
		return this.mail.messagesTo(TestAccounts.email(username)).get(0);
	}

	private static void awaitQueueDrained(String queue) {
		String url = queueUrl(queue);
		await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1)).until(() -> {
			Map<QueueAttributeName, String> attributes = sqs
				.getQueueAttributes(get -> get.queueUrl(url)
					.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
				.attributes();
			return attributes.values().stream().allMatch("0"::equals);
		});
	}

	private static String queueUrl(String name) {
		return sqs.getQueueUrl(get -> get.queueName(name)).queueUrl();
	}

	private static String token(String body) {
		Matcher matcher = TOKEN.matcher(body);
		assertThat(matcher.find()).as("a token in " + body).isTrue();
		return matcher.group(1);
	}

}
