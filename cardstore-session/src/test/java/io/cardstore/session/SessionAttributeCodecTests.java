package io.cardstore.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import io.cardstore.session.SessionAttributeCodec.UnreadableValueException;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.web.servlet.FlashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SessionAttributeCodecTests {

	private static final Instant LOGGED_IN = Instant.parse("2026-11-25T12:00:00Z");

	private final SessionAttributeCodec codec = new SessionAttributeCodec(
			new SessionJsonSerializer(getClass().getClassLoader()));

	@Test
	void aFormLoginIsStoredAsUserAuthoritiesAndFactorsOnly() {
		StoredAttribute stored = this.codec.encode(SessionAttributeCodec.SECURITY_CONTEXT, formLogin("alice"));

		assertThat(stored.field()).isEqualTo("auth");
		assertThat(stored.json())
			.isEqualTo("{\"user\":\"alice\",\"authorities\":[\"ROLE_USER\"],\"factors\":{\"FACTOR_PASSWORD\":"
					+ LOGGED_IN.toEpochMilli() + "}}");
	}

	@Test
	void eachReadRebuildsTheSameLoginAsANewObject() {
		StoredAttribute stored = this.codec.decode("auth",
				this.codec.encode(SessionAttributeCodec.SECURITY_CONTEXT, formLogin("alice")).json());

		SecurityContext first = (SecurityContext) this.codec.valueOf(stored);
		SecurityContext second = (SecurityContext) this.codec.valueOf(stored);

		assertThat(first).isNotSameAs(second);
		assertThat(first.getAuthentication().getName()).isEqualTo("alice");
		assertThat(first.getAuthentication().isAuthenticated()).isTrue();
		assertThat(first.getAuthentication().getPrincipal()).isInstanceOf(User.class);
		assertThat(first.getAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "FACTOR_PASSWORD");
		assertThat(first.getAuthentication().getAuthorities()).filteredOn(FactorGrantedAuthority.class::isInstance)
			.singleElement()
			.extracting((authority) -> ((FactorGrantedAuthority) authority).getIssuedAt())
			.isEqualTo(LOGGED_IN);
	}

	@Test
	void anyOtherAuthenticationKeepsTheGenericFormAndReadsBack() {
		SecurityContext context = new SecurityContextImpl(new TestingAuthenticationToken("bob", null, "ROLE_ADMIN"));

		StoredAttribute stored = this.codec.encode(SessionAttributeCodec.SECURITY_CONTEXT, context);

		assertThat(stored.field()).isEqualTo("attr:SPRING_SECURITY_CONTEXT");
		assertThat(SessionAttributeCodec.attributeOf(stored.field())).isEqualTo(SessionAttributeCodec.SECURITY_CONTEXT);
	}

	@Test
	void immutableValuesAreSharedAndMutableOnesAreReadAfreshForEachRequest() {
		StoredAttribute token = this.codec.decode("attr:csrf",
				this.codec.encode("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "secret")).json());
		FlashMap flash = new FlashMap();
		flash.put("message", "Saved.");
		StoredAttribute flashes = this.codec.decode("attr:flash",
				this.codec.encode("flash", new ArrayList<>(List.of(flash))).json());

		StoredAttribute counter = this.codec.decode("attr:counter",
				this.codec.encode("counter", new AtomicInteger(1)).json());

		assertThat(this.codec.valueOf(token)).isSameAs(this.codec.valueOf(token));
		assertThat(this.codec.valueOf(counter)).as("a Number, but not an immutable one")
			.isNotSameAs(this.codec.valueOf(counter));
		assertThat(this.codec.valueOf(flashes)).isNotSameAs(this.codec.valueOf(flashes))
			.isEqualTo(this.codec.valueOf(flashes));
	}

	@Test
	void springSecuritysCsrfTokenIsStoredAsItsThreeStrings() {
		StoredAttribute stored = this.codec.encode(SessionAttributeCodec.CSRF_TOKEN,
				new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "secret"));

		assertThat(stored.field()).isEqualTo("csrf");
		assertThat(stored.json()).contains("\"token\":\"secret\"").doesNotContain("DefaultCsrfToken");
		DefaultCsrfToken read = (DefaultCsrfToken) this.codec.valueOf(this.codec.decode("csrf", stored.json()));
		assertThat(read.getToken()).isEqualTo("secret");
		assertThat(read.getHeaderName()).isEqualTo("X-CSRF-TOKEN");
		assertThat(read.getParameterName()).isEqualTo("_csrf");
		assertThatExceptionOfType(UnreadableValueException.class)
			.isThrownBy(() -> this.codec.decode("csrf", "{\"token\":\"secret\"}"));
	}

	@Test
	void anUnreadableValueIsReportedNotReturned() {
		assertThatExceptionOfType(UnreadableValueException.class)
			.isThrownBy(() -> this.codec.decode("auth", "{\"user\":"));
		assertThatExceptionOfType(UnreadableValueException.class)
			.isThrownBy(() -> this.codec.decode("auth", "{\"authorities\":[]}"));
		assertThatExceptionOfType(UnreadableValueException.class)
			.isThrownBy(() -> this.codec.decode("attr:x", "[\"java.lang.ProcessBuilder\",{}]"));
	}

	@Test
	void fieldsThatAreNotAttributesAreNotReadAsAttributes() {
		assertThat(SessionAttributeCodec.attributeOf("created")).isNull();
		assertThat(SessionAttributeCodec.attributeOf("attr:name")).isEqualTo("name");
		assertThat(SessionAttributeCodec.attributeOf("csrf")).isEqualTo(SessionAttributeCodec.CSRF_TOKEN);
		assertThat(SessionAttributeCodec.fieldsOf(SessionAttributeCodec.SECURITY_CONTEXT)).containsExactly("auth",
				"attr:SPRING_SECURITY_CONTEXT");
	}

	private static SecurityContext formLogin(String name) {
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority("FACTOR_PASSWORD").issuedAt(LOGGED_IN).build());
		User user = new User(name, "", authorities);
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				authorities);
		token.setDetails(new WebAuthenticationDetails("10.0.0.1", "pre-login-session-id"));
		return new SecurityContextImpl(token);
	}

}
