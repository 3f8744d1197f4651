package outpost.ingest.syslog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes frame bytes as UTF-8 without ever throwing: malformed bytes become U+FFFD and the caller
 * learns that it happened. Stateless and thread-safe.
 */
final class Utf8Text {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Text() {}

  /** The text of {@code frame}, malformed bytes replaced by U+FFFD. */
  static String decode(byte[] frame) {
    return new String(frame, StandardCharsets.UTF_8);
  }

  /**
   * True when {@code frame} is not valid UTF-8. Cheap for the common case: only text that contains
   * U+FFFD (a replacement, or a sender's own U+FFFD) is decoded again strictly.
   */
  static boolean malformed(byte[] frame, String decoded) {
    if (decoded.indexOf(REPLACEMENT) < 0) {
      return false;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(frame));
      return false;
    } catch (CharacterCodingException e) {
      return true;
    }
  }
}
