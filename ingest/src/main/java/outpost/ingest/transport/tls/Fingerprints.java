package outpost.ingest.transport.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints as 64 lower-case hex digits. Stateless. */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * Normalizes {@code AA:BB:..}, {@code aa bb ..} or plain hex to 64 lower-case hex digits.
   *
   * @throws IllegalArgumentException naming the value when it is no SHA-256 fingerprint
   */
  public static String normalize(String text) {
    String hex = text.strip().replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
    }
    return hex;
  }

  /** The SHA-256 fingerprint of {@code certificate}'s DER encoding. */
  public static String of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(
          "cannot fingerprint " + certificate.getSubjectX500Principal(), e);
    }
  }
}
