package outpost.server.peers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a TCP stream framed by octet counting (RFC 6587 section 3.4.1), strictly. Stateless. */
final class OctetCounting {
  private OctetCounting() {}

  /**
   * The frames of {@code stream}; an incomplete last frame is left out (more may still arrive).
   *
   * @throws AssertionError if the stream is not octet-counted
   */
  static List<String> frames(String stream) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    List<String> frames = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int space = pos;
      while (space < bytes.length && bytes[space] >= '0' && bytes[space] <= '9') {
        space++;
      }
      if (space == bytes.length) {
        return frames; // length still arriving
      }
      if (space == pos || bytes[space] != ' ') {
        throw new AssertionError("not octet-counted at byte " + pos + ": " + stream);
      }
      int length = Integer.parseInt(new String(bytes, pos, space - pos, StandardCharsets.US_ASCII));
      int end = space + 1 + length;
      if (end > bytes.length) {
        return frames;
      }
      frames.add(new String(Arrays.copyOfRange(bytes, space + 1, end), StandardCharsets.UTF_8));
      pos = end;
    }
    return frames;
  }
}
