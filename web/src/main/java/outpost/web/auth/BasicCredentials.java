package outpost.web.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password taken from an HTTP {@code Authorization: Basic} header (RFC 7617).
 * Immutable.
 */
public record BasicCredentials(String user, String password) {
  /** Longer headers are refused before decoding. */
  public static final int MAX_HEADER_CHARS = 1024;

  private static final String SCHEME = "basic ";

  /**
   * Parses a header value.
   *
   * @return empty when the header is not Basic, too long, not Base64, not UTF-8 (RFC 7617 section
   *     2.1, charset="UTF-8") or has no colon
   */
  public static Optional<BasicCredentials> parse(String header) {
    if (header == null
        || header.length() > MAX_HEADER_CHARS
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    // RFC 7617 section 2: the user-id cannot contain a colon; the password may.
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
  }

  /** Leaves the password out. */
  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + "]";
  }
}
