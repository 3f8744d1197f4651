package outpost.web.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes. New hashes are Argon2id (RFC 9106) in the PHC string form {@code
 * $argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH} (unpadded Base64), computed by Bouncy Castle's
 * {@link Argon2BytesGenerator}. Legacy {@code pbkdf2-sha256$...} hashes from older users files
 * still verify; {@link #needsRehash} tells the {@link UserStore} to replace them (and Argon2id
 * hashes with other costs) after the next successful login.
 *
 * <p>Thread-safe. At most {@link #MAX_CONCURRENT_HASHES} Argon2id computations run at once.
 */
public final class PasswordHasher {
  /**
   * Argon2id cost.
   *
   * @param memoryKib memory in KiB, {@value #MIN_MEMORY_KIB}..{@value #MAX_MEMORY_KIB}
   * @param passes iterations over memory, 1..{@value #MAX_PASSES}
   * @param lanes parallelism, 1..{@value #MAX_LANES}
   */
  public record Cost(int memoryKib, int passes, int lanes) {
    static final int MIN_MEMORY_KIB = 8;
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_PASSES = 64;
    static final int MAX_LANES = 16;

    /** OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1. */
    public static final Cost OWASP = new Cost(19 * 1024, 2, 1);

    public Cost {
      check("memory KiB", memoryKib, Math.max(MIN_MEMORY_KIB, 8 * lanes), MAX_MEMORY_KIB);
      check("passes", passes, 1, MAX_PASSES);
      check("lanes", lanes, 1, MAX_LANES);
    }

    private static void check(String what, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            "argon2id " + what + " " + value + " outside " + min + ".." + max);
      }
    }
  }

  static final String ARGON2ID = "argon2id";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})"
              + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  /**
   * At most this many Argon2id computations run at once; more wait. Each holds {@link
   * Cost#memoryKib()} of memory, so logins from many addresses at once cannot exhaust the heap.
   */
  public static final int MAX_CONCURRENT_HASHES =
      Math.max(2, Runtime.getRuntime().availableProcessors());

  private final Cost cost;
  private final SecureRandom random = new SecureRandom();
  final Semaphore slots;

  /** A hasher with the {@link Cost#OWASP} cost. */
  public PasswordHasher() {
    this(Cost.OWASP);
  }

  /** A hasher that writes new hashes with {@code cost} (tests use a small one). */
  public PasswordHasher(Cost cost) {
    this(cost, MAX_CONCURRENT_HASHES);
  }

  PasswordHasher(Cost cost, int maxConcurrent) {
    this.cost = cost;
    this.slots = new Semaphore(maxConcurrent, true);
  }

  /** Returns the encoded salted Argon2id hash of {@code password}. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] derived = argon2(password, salt, cost, HASH_BYTES);
    return "$%s$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            ARGON2ID,
            cost.memoryKib(),
            cost.passes(),
            cost.lanes(),
            B64.encodeToString(salt),
            B64.encodeToString(derived));
  }

  /**
   * True when {@code password} matches {@code encoded} (Argon2id or legacy PBKDF2); compares in
   * constant time. A malformed {@code encoded} never matches.
   */
  public boolean verify(char[] password, String encoded) {
    try {
      if (encoded != null && encoded.startsWith(Pbkdf2.SCHEME + "$")) {
        return Pbkdf2.verify(password, Pbkdf2.parse(encoded));
      }
      Argon2Hash parsed = parseArgon2(encoded);
      byte[] derived = argon2(password, parsed.salt(), parsed.cost(), parsed.hash().length);
      return MessageDigest.isEqual(derived, parsed.hash());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when {@code encoded} is not an Argon2id hash with this hasher's cost. */
  public boolean needsRehash(String encoded) {
    try {
      return !parseArgon2(encoded).cost().equals(cost);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /**
   * Checks that {@code encoded} is a hash this class can verify.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void validate(String encoded) {
    if (encoded == null) {
      throw new IllegalArgumentException("password hash is missing");
    }
    if (encoded.startsWith(Pbkdf2.SCHEME + "$")) {
      Pbkdf2.parse(encoded);
    } else {
      parseArgon2(encoded);
    }
  }

  private record Argon2Hash(Cost cost, byte[] salt, byte[] hash) {}

  private static Argon2Hash parseArgon2(String encoded) {
    Matcher m = encoded == null ? null : PHC.matcher(encoded);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "password hash is not in the form $argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH"
              + " (or the legacy "
              + Pbkdf2.SCHEME
              + "$ITERATIONS$SALT$HASH)");
    }
    Cost cost =
        new Cost(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    byte[] salt = B64_DECODE.decode(m.group(4));
    byte[] hash = B64_DECODE.decode(m.group(5));
    if (salt.length < 8 || hash.length < 16) {
      throw new IllegalArgumentException("argon2id salt or digest is too short");
    }
    return new Argon2Hash(cost, salt, hash);
  }

  private byte[] argon2(char[] password, byte[] salt, Cost cost, int length) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to hash a password", e);
    }
    try {
      return argon2Now(password, salt, cost, length);
    } finally {
      slots.release();
    }
  }

  private static byte[] argon2Now(char[] password, byte[] salt, Cost cost, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(cost.memoryKib())
            .withIterations(cost.passes())
            .withParallelism(cost.lanes())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  @Override
  public String toString() {
    return ARGON2ID + " " + cost;
  }
}
