package outpost.ingest.transport.tcp;

import java.util.Objects;

/**
 * One syslog message cut from a TCP stream by {@link SyslogFrameDecoder}, without its framing (no
 * octet count, no terminator). Immutable by convention: the array is handed over, not copied.
 *
 * @param bytes the message bytes, at most the frame limit
 * @param originalLength the message's length on the wire (saturated at {@link Integer#MAX_VALUE});
 *     larger than {@code bytes.length} when the frame was truncated
 * @param invalidOctetCount true when the frame started with a digit but had no valid RFC 6587 octet
 *     count, so it was read as an LF-terminated frame
 */
public record SyslogFrame(byte[] bytes, int originalLength, boolean invalidOctetCount) {
  public SyslogFrame {
    Objects.requireNonNull(bytes, "bytes");
    if (originalLength < bytes.length) {
      throw new IllegalArgumentException(
          "original length " + originalLength + " is below frame length " + bytes.length);
    }
  }

  /** True when the frame was cut to the frame limit. */
  public boolean truncated() {
    return originalLength > bytes.length;
  }
}
