package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), now::get);

  @Test
  void remembersAHeaderUntilTheTtlEnds() {
    cache.remember("Basic abc", "admin");

    assertThat(cache.lookup("Basic abc")).contains("admin");
    assertThat(cache.lookup("Basic abd")).isEmpty();

    now.set(Instant.EPOCH.plus(Duration.ofMinutes(5)));
    assertThat(cache.lookup("Basic abc")).isEmpty();
  }

  @Test
  void zeroTtlCachesNothing() {
    CredentialCache off = new CredentialCache(Duration.ZERO, now::get);
    off.remember("Basic abc", "admin");

    assertThat(off.lookup("Basic abc")).isEmpty();
  }

  @Test
  void staysBounded() {
    for (int i = 0; i < CredentialCache.MAX_ENTRIES + 10; i++) {
      cache.remember("Basic " + i, "u" + i);
    }

    assertThat(cache.lookup("Basic " + (CredentialCache.MAX_ENTRIES + 9))).isPresent();
  }
}
