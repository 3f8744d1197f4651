package outpost.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recently verified {@code Authorization} headers for a short time, so that HTTP Basic
 * does not pay a full password hash (about 0.3 s of CPU) on every API request. Entries are keyed by
 * an HMAC-SHA256 of the whole header under a random per-process key: the cache never holds a
 * password, nor a plain digest of one that could be brute-forced offline. Only successful
 * verifications are cached; an entry lives {@link #ttl} after it was verified, not after last use,
 * so a changed password stops working within that time.
 *
 * <p>Thread-safe. Bounded to {@link #MAX_ENTRIES}: when full, expired entries are dropped and, if
 * that is not enough, everything is (the cost is one re-hash per client).
 */
public final class CredentialCache {
  public static final int MAX_ENTRIES = 1024;
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private static final String MAC = "HmacSHA256";

  private record Entry(String user, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final InstantSource clock;
  private final SecretKeySpec key;

  public CredentialCache(Duration ttl, InstantSource clock) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl " + ttl + " is negative");
    }
    this.ttl = ttl;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, MAC);
  }

  /** The user a still-valid entry for this header names. */
  public Optional<String> lookup(String header) {
    String k = keyOf(header);
    Entry entry = entries.get(k);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expires())) {
      entries.remove(k, entry);
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** Records that {@code header} was verified as {@code user} just now. */
  public void remember(String header, String user) {
    if (ttl.isZero()) {
      return;
    }
    Instant now = clock.instant();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> !now.isBefore(e.expires()));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(keyOf(header), new Entry(user, now.plus(ttl)));
  }

  /** Forgets everything, e.g. after a password change. */
  public void clear() {
    entries.clear();
  }

  private String keyOf(String header) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(header.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      // Every Java SE implementation must provide HmacSHA256.
      throw new IllegalStateException(MAC + " unavailable", e);
    }
  }
}
