package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
  private final InstantSource clock = now::get;

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Test
  void idsAndCsrfTokensAre256RandomBitsAndUnique() {
    SessionStore store = new SessionStore(clock);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Session s = store.create("admin");
      assertThat(s.id()).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrf())).isTrue();
    }
  }

  @Test
  void atCapacityTheLeastRecentlyUsedSessionIsDropped() {
    SessionStore store = new SessionStore(Duration.ofHours(12), Duration.ofDays(7), 3, clock);
    Session a = store.create("a");
    advance(Duration.ofSeconds(1));
    Session b = store.create("b");
    advance(Duration.ofSeconds(1));
    Session c = store.create("c");
    advance(Duration.ofSeconds(1));
    store.use(a.id());

    Session d = store.create("d");

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.use(b.id())).isEmpty();
    assertThat(store.use(a.id())).isPresent();
    assertThat(store.use(c.id())).isPresent();
    assertThat(store.use(d.id())).isPresent();
  }

  @Test
  void expiredSessionsAreGoneAndMakeRoomFirst() {
    SessionStore store = new SessionStore(Duration.ofHours(1), Duration.ofHours(2), 2, clock);
    Session old = store.create("a");
    advance(Duration.ofMinutes(59));
    assertThat(store.use(old.id()))
        .hasValueSatisfying(s -> assertThat(s.lastUsed()).isEqualTo(now.get()));
    advance(Duration.ofMinutes(60));

    assertThat(store.use(old.id())).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void removesAllSessionsOfAUserButTheKeptOne() {
    SessionStore store = new SessionStore(clock);
    Session keep = store.create("vic");
    Session other = store.create("vic");
    Session admin = store.create("admin");

    store.removeUser("vic", keep.id());

    assertThat(store.use(keep.id())).isPresent();
    assertThat(store.use(other.id())).isEmpty();
    assertThat(store.use(admin.id())).isPresent();
  }

  @Test
  void malformedIdsAreNotLookedUp() {
    SessionStore store = new SessionStore(clock);
    store.create("a");

    assertThat(store.use(null)).isEmpty();
    assertThat(store.use("")).isEmpty();
    assertThat(store.use("x".repeat(10_000))).isEmpty();
  }

  @Test
  void csrfComparisonIsExact() {
    Session s = new SessionStore(clock).create("a");

    assertThat(s.csrfMatches(s.csrf())).isTrue();
    assertThat(s.csrfMatches(s.csrf().substring(1))).isFalse();
    assertThat(s.csrfMatches(null)).isFalse();
    assertThat(s.toString()).doesNotContain(s.id()).doesNotContain(s.csrf());
  }

  @Test
  void refusesAnIdleTimeoutLongerThanTheMaximumAge() {
    assertThatThrownBy(() -> new SessionStore(Duration.ofDays(8), Duration.ofDays(7), 10, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
