package io.cardstore.web.card;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.cardstore.market.card.Cards;
import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.BucketObjects;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Card images: an upload is claimed once, copied to a key of the store's own, and no user
 * can take or delete a card's image.
 */
@CardStoreIntegrationTest
class CardImagesIT {

	static final byte[] PNG = BucketObjects.PNG;

	static final HttpClient http = HttpClient.newHttpClient();

	static final S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint());

	static final String BUCKET = AwsEmulators.shared().resources().bucket();

	static final BucketObjects objects = new BucketObjects(s3, BUCKET);

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@AfterAll
	static void closeClient() {
		s3.close();
	}

	@Test
	void aCardKeepsItsImageUnderAKeyOfTheApplicationsOwnAndTheUploadIsGone() throws Exception {
		String username = this.testAccounts.activated();
		String upload = upload(username);

		String added = addCard(username, "Pictured", upload).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();

		String image = this.cards.find(username, "Pictured").orElseThrow().imageKey();
		assertThat(image).matches("cards/images/[0-9a-f-]{36}\\.png");
		ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(image));
		assertThat(stored.asByteArray()).isEqualTo(PNG);
		assertThat(stored.response().contentType()).isEqualTo("image/png");
		assertThat(exists(upload)).as("the upload").isFalse();
		assertThat(shown(JsonPath.read(added, "$.imageUrl"))).isEqualTo(PNG);
	}

	@Test
	void aSellerCannotTakeTheImageOfACardTheySold() throws Exception {
		String seller = this.testAccounts.activated();
		String buyer = this.testAccounts.activated();
		String upload = upload(seller);
		addCard(seller, "Sold", upload).andExpect(status().isCreated());
		String image = this.cards.find(seller, "Sold").orElseThrow().imageKey();
		String listing = this.cards.putOnSale(seller, "Sold", 10_00).listing();
		this.mvc
			.perform(post("/api/trades").with(user(buyer))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"seller\":\"" + seller + "\",\"name\":\"Sold\",\"priceCents\":1000,\"listing\":\"" + listing
						+ "\"}"))
			.andExpect(status().isCreated());
		this.cards.add(seller, "Taken", null);

		// The same upload again, under a new name or a taken one: it was claimed, it is
		// gone.
		for (String name : new String[] { "Another", "Taken" }) {
			addCard(seller, name, upload).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.reason").value("MISSING"));
		}
		// The image's own key names nothing a user may claim.
		addCard(seller, "Another", image).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("NOT_YOURS"));
		// A fresh upload for a taken name: its copy is deleted, and nothing else.
		List<String> images = imageKeys();
		addCard(seller, "Taken", upload(seller)).andExpect(status().isConflict());
		assertThat(imageKeys()).isEqualTo(images);

		assertThat(this.cards.find(buyer, "Sold").orElseThrow().imageKey()).isEqualTo(image);
		String bought = this.mvc.perform(get("/api/cards").with(user(buyer)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(shown(JsonPath.read(bought, "$[0].imageUrl"))).as("the buyer's image").isEqualTo(PNG);
	}

	@Test
	void someoneElsesUploadOrImageIsRefusedAndKept() throws Exception {
		String owner = this.testAccounts.activated();
		String intruder = this.testAccounts.activated();
		String pending = upload(owner);
		addCard(owner, "Mine", upload(owner)).andExpect(status().isCreated());
		String image = this.cards.find(owner, "Mine").orElseThrow().imageKey();

		for (String key : new String[] { pending, image }) {
			addCard(intruder, "Stolen", key).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.reason").value("NOT_YOURS"));
		}

		assertThat(exists(pending)).as("the owner's upload").isTrue();
		assertThat(exists(image)).as("the owner's card image").isTrue();
		assertThat(this.cards.find(intruder, "Stolen")).isEmpty();
	}

	/**
	 * Uploads {@link #PNG} as the browser does and answers the key to send with the card.
	 */
	private String upload(String username) throws Exception {
		String signed = this.mvc
			.perform(post("/api/uploads").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contentType\":\"image/png\",\"size\":" + PNG.length + "}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(JsonPath.read(signed, "$.url")))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(PNG));
		Map<String, String> headers = JsonPath.read(signed, "$.headers");
		headers.forEach(put::header);
		assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		return JsonPath.read(signed, "$.key");
	}

	private ResultActions addCard(String username, String name, String imageKey) throws Exception {
		return this.mvc.perform(post("/api/cards").with(user(username))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"imageKey\":\"" + imageKey + "\"}"));
	}

	private static byte[] shown(String imageUrl) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(imageUrl)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(imageUrl).isEqualTo(200);
		return response.body();
	}

	private static boolean exists(String key) {
		return objects.exists(key);
	}

	private static List<String> imageKeys() {
		return objects.keysUnder(CardImageUploads.IMAGE_PREFIX);
	}

}
