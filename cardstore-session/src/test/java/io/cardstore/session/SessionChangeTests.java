package io.cardstore.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionChangeTests {

	private static final Instant READ = Instant.parse("2026-12-04T12:00:00Z");

	private final SessionAttributeCodec codec = new SessionAttributeCodec(
			new SessionJsonSerializer(getClass().getClassLoader()));

	private final StoredSession stored = new StoredSession(SessionIds.next(), READ.minusSeconds(600), READ,
			Duration.ofMinutes(30), Map.of("cart", this.codec.encode("cart", "ace")), null);

	@Test
	void aLaterAccessAloneIsATouchThatWritesNoAttribute() {
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		session.setLastAccessedTime(READ.plusSeconds(90));

		SessionChange change = SessionChange.of(session, this.codec);

		assertThat(change.touchOnly()).isTrue();
		assertThat(change.whole()).isFalse();
		assertThat(change.attributesChanged()).isFalse();
		assertThat(change.fieldsToDelete()).isEmpty();
		assertThat(change.after().lastAccessedTime()).isEqualTo(READ.plusSeconds(90));
		assertThat(change.after().attributes()).containsOnlyKeys("cart");
	}

	@Test
	void anAttributeSetOrRemovedIsNoTouchAndWritesOnlyItsFields() {
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		session.setAttribute("basket", "king");
		session.removeAttribute("cart");

		SessionChange change = SessionChange.of(session, this.codec);

		assertThat(change.touchOnly()).isFalse();
		assertThat(change.whole()).isFalse();
		assertThat(change.written()).containsOnlyKeys("basket");
		assertThat(change.removed()).containsExactly("cart");
		assertThat(change.after().attributes()).containsOnlyKeys("basket");
	}

	@Test
	void aNewIdWritesTheWholeSessionUnderIt() {
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		String newId = session.changeSessionId();

		SessionChange change = SessionChange.of(session, this.codec);

		assertThat(change.touchOnly()).isFalse();
		assertThat(change.whole()).isTrue();
		assertThat(change.written()).isEmpty();
		assertThat(change.fieldsToDelete()).isEmpty();
		assertThat(change.fieldsToSet()).contains(this.stored.attributes().get("cart").field());
		assertThat(change.after().id()).isEqualTo(newId);
		assertThat(change.after().attributes()).containsOnlyKeys("cart");
		assertThat(change.before()).isSameAs(this.stored);
	}

	@Test
	void aTouchMovesTheCachedCopysLastAccess() {
		SessionNearCache cache = liveCache();
		cache.put(this.stored);
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		session.setLastAccessedTime(READ.plusSeconds(90));

		SessionChange.of(session, this.codec).applyTo(cache);

		StoredSession cached = cache.get(this.stored.id());
		assertThat(cached).isNotNull();
		assertThat(cached.lastAccessedTime()).isEqualTo(READ.plusSeconds(90));
		assertThat(cached.attributes()).containsOnlyKeys("cart");
	}

	@Test
	void anEarlierTouchAppliedAfterALaterOneLeavesTheLaterAccess() {
		SessionNearCache cache = liveCache();
		cache.put(this.stored);
		CardStoreSession earlier = new CardStoreSession(this.codec, this.stored);
		earlier.setLastAccessedTime(READ.plusSeconds(30));
		CardStoreSession later = new CardStoreSession(this.codec, this.stored);
		later.setLastAccessedTime(READ.plusSeconds(90));

		SessionChange.of(later, this.codec).applyTo(cache);
		SessionChange.of(earlier, this.codec).applyTo(cache);

		assertThat(cache.get(this.stored.id())).extracting(StoredSession::lastAccessedTime)
			.isEqualTo(READ.plusSeconds(90));
	}

	@Test
	void aReadThatRacedATouchIsCachedButNotOneThatRacedAChange() {
		SessionNearCache cache = liveCache();
		CardStoreSession touched = new CardStoreSession(this.codec, this.stored);
		touched.setLastAccessedTime(READ.plusSeconds(90));
		CardStoreSession changed = new CardStoreSession(this.codec, this.stored);
		changed.setAttribute("basket", "king");

		long stamp = cache.stamp(this.stored.id());
		SessionChange.of(touched, this.codec).applyTo(cache);
		cache.putIfUnchanged(this.stored, stamp);
		assertThat(cache.get(this.stored.id())).as("an older last access is still right to serve")
			.isEqualTo(this.stored);

		cache.invalidate(this.stored.id());
		stamp = cache.stamp(this.stored.id());
		SessionChange.of(changed, this.codec).applyTo(cache);
		cache.putIfUnchanged(this.stored, stamp);
		assertThat(cache.get(this.stored.id())).as("the read misses the change").isNull();
	}

	@Test
	void aNewIdReplacesTheCachedCopy() {
		SessionNearCache cache = liveCache();
		cache.put(this.stored);
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		String newId = session.changeSessionId();

		SessionChange.of(session, this.codec).applyTo(cache);

		assertThat(cache.get(this.stored.id())).isNull();
		assertThat(cache.get(newId)).isNotNull();
	}

	@Test
	void nothingChangedIsNoChangeButTheLastAccess() {
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);

		assertThat(session.changesOnlyLastAccess()).isTrue();
		assertThat(session.isTouchDue(Duration.ZERO)).as("nothing to write").isFalse();
	}

	@Test
	void aNewIdleTimeoutIsNoTouch() {
		CardStoreSession session = new CardStoreSession(this.codec, this.stored);
		session.setMaxInactiveInterval(Duration.ofMinutes(5));

		assertThat(SessionChange.of(session, this.codec).touchOnly()).isFalse();
	}

	@Test
	void aNewSessionIsWrittenWhole() {
		CardStoreSession session = new CardStoreSession(this.codec, Duration.ofMinutes(30));
		session.setAttribute("cart", "ace");

		SessionChange change = SessionChange.of(session, this.codec);

		assertThat(change.before()).isNull();
		assertThat(change.whole()).isTrue();
		assertThat(change.touchOnly()).isFalse();
		assertThat(change.after().attributes()).containsOnlyKeys("cart");
	}

	/** A cache serves only while the notices of the other replicas arrive. */
	private static SessionNearCache liveCache() {
		SessionNearCache cache = new SessionNearCache(1 << 20, Duration.ofMinutes(1));
		cache.new Listener().subscribed("notices", 1);
		return cache;
	}

}
