package io.cardstore.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.web.servlet.FlashMap;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;

class SessionJsonSerializerTests {

	private final SessionJsonSerializer serializer = new SessionJsonSerializer(getClass().getClassLoader());

	@Test
	void writesTheSecurityContextAsReadableJsonAndReadsItBack() {
		User alice = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		SecurityContext context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities()));

		byte[] stored = this.serializer.serialize(context);

		assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"username\":\"alice\"")
			.contains("SecurityContextImpl");
		SecurityContext read = (SecurityContext) this.serializer.deserialize(stored);
		assertThat(read.getAuthentication().getName()).isEqualTo("alice");
		assertThat(read.getAuthentication().getAuthorities()).extracting("authority").containsExactly("ROLE_USER");
	}

	@Test
	void keepsTheNumbersSpringSessionStores() {
		assertThat(this.serializer.deserialize(this.serializer.serialize(1_700_000_000_000L)))
			.isEqualTo(1_700_000_000_000L);
		// Jackson reads a small long back as an Integer; GuardedSessionMapper widens it
		// again.
		assertThat(this.serializer.deserialize(this.serializer.serialize(5L))).isEqualTo(5);
		assertThat(this.serializer.deserialize(this.serializer.serialize(1800))).isEqualTo(1800);
		assertThat(this.serializer.deserialize(this.serializer.serialize("Firefox"))).isEqualTo("Firefox");
	}

	@Test
	void readsTheCsrfTokenSpringSecurityKeepsInTheSession() {
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "secret-value");

		Object read = this.serializer.deserialize(this.serializer.serialize(token));

		assertThat(read).isInstanceOfSatisfying(DefaultCsrfToken.class,
				csrf -> assertThat(csrf.getToken()).isEqualTo("secret-value"));
	}

	@Test
	void readsTheFlashAttributesOfARedirect() {
		FlashMap flash = new FlashMap();
		flash.put("message", "Saved.");

		Object read = this.serializer.deserialize(this.serializer.serialize(new ArrayList<>(List.of(flash))));

		assertThat(read).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.isInstanceOfSatisfying(FlashMap.class, map -> assertThat(map.get("message")).isEqualTo("Saved."));
	}

	@Test
	void ignoresFieldsItDoesNotKnow() {
		User alice = new User("alice", "", List.of());
		String json = new String(
				this.serializer.serialize(new SecurityContextImpl(
						UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities()))),
				StandardCharsets.UTF_8);
		String withNewField = json.replaceFirst("\\{", "{\"addedInALaterRelease\":\"ignored\",");

		Object read = this.serializer.deserialize(withNewField.getBytes(StandardCharsets.UTF_8));

		assertThat(read).isInstanceOfSatisfying(SecurityContext.class,
				context -> assertThat(context.getAuthentication().getName()).isEqualTo("alice"));
	}

	@Test
	void turnsAnUnreadableValueIntoAMarkerInsteadOfAnError() {
		assertThat(this.serializer.deserialize("{not json".getBytes(StandardCharsets.UTF_8)))
			.isSameAs(SessionJsonSerializer.UNREADABLE);
		assertThat(this.serializer.deserialize("[\"java.lang.ProcessBuilder\",{}]".getBytes(StandardCharsets.UTF_8)))
			.as("a type outside the allow-list is never instantiated")
			.isSameAs(SessionJsonSerializer.UNREADABLE);
	}

	@Test
	void readsNothingAsNull() {
		assertThat(this.serializer.deserialize(null)).isNull();
	}

}
