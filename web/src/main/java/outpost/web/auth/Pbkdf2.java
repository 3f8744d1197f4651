package outpost.web.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The legacy scheme of users files written before Argon2id: salted PBKDF2-HMAC-SHA256 in the form
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded Base64). Outpost only
 * verifies these now; {@link PasswordHasher} rewrites them as Argon2id at the next successful
 * login. {@link #hash} remains for tests that build such files. Stateless; thread-safe.
 */
final class Pbkdf2 {
  static final String SCHEME = "pbkdf2-sha256";

  /** Refuses stored hashes that would make one login cost minutes of CPU. */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private Pbkdf2() {}

  record Encoded(int iterations, byte[] salt, byte[] hash) {}

  /** A legacy hash of {@code password} with {@code iterations} rounds and a random 16-byte salt. */
  static String hash(char[] password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] derived = derive(password, salt, iterations, 256);
    return SCHEME
        + '$'
        + iterations
        + '$'
        + B64.encodeToString(salt)
        + '$'
        + B64.encodeToString(derived);
  }

  /** True when {@code password} matches; constant-time comparison. */
  static boolean verify(char[] password, Encoded encoded) {
    byte[] derived =
        derive(password, encoded.salt(), encoded.iterations(), encoded.hash().length * 8);
    return MessageDigest.isEqual(derived, encoded.hash());
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Encoded parse(String encoded) {
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
}
