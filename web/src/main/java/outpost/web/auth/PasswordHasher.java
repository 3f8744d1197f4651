package outpost.web.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes in a self-describing text form, {@code
 * pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded Base64). The prefix names the
 * scheme so a stronger one (Argon2, bcrypt) can be added later without invalidating stored hashes.
 * Uses only the JDK's {@link SecretKeyFactory}. Thread-safe and stateless apart from its random
 * source.
 */
public final class PasswordHasher {
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about 0.3 s of one core here. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Refuses stored hashes that would make one login cost minutes of CPU. */
  static final int MAX_ITERATIONS = 10_000_000;

  static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  /** A hasher with {@link #DEFAULT_ITERATIONS}. */
  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  /** A hasher that writes new hashes with {@code iterations} rounds (tests use fewer). */
  public PasswordHasher(int iterations) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations " + iterations + " outside 1.." + MAX_ITERATIONS);
    }
    this.iterations = iterations;
  }

  /** Returns the encoded salted hash of {@code password}. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] derived = derive(password, salt, iterations, HASH_BITS);
    return SCHEME
        + '$'
        + iterations
        + '$'
        + B64.encodeToString(salt)
        + '$'
        + B64.encodeToString(derived);
  }

  /**
   * True when {@code password} matches {@code encoded}; compares in constant time. A malformed
   * {@code encoded} never matches.
   */
  public boolean verify(char[] password, String encoded) {
    Encoded parsed;
    try {
      parsed = parse(encoded);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] derived = derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
    return MessageDigest.isEqual(derived, parsed.hash);
  }

  /**
   * Checks that {@code encoded} is a hash this class can verify.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void validate(String encoded) {
    parse(encoded);
  }

  private record Encoded(int iterations, byte[] salt, byte[] hash) {}

  private static Encoded parse(String encoded) {
    if (encoded == null) {
      throw new IllegalArgumentException("password hash is missing");
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(
          "password hash is not in the form " + SCHEME + "$ITERATIONS$SALT$HASH");
    }
    int rounds;
    try {
      rounds = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "password hash iterations '" + parts[1] + "' not a number");
    }
    if (rounds < 1 || rounds > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "password hash iterations " + rounds + " outside 1.." + MAX_ITERATIONS);
    }
    byte[] salt = B64_DECODE.decode(parts[2]);
    byte[] hash = B64_DECODE.decode(parts[3]);
    if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
      throw new IllegalArgumentException("password hash salt or digest has the wrong length");
    }
    return new Encoded(rounds, salt, hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, bits);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every Java SE implementation must provide PBKDF2WithHmacSHA256.
      throw new IllegalStateException(ALGORITHM + " unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return SCHEME + " x" + iterations;
  }
}
