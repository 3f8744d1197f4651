package outpost.ingest;

import java.time.Instant;
import java.util.Objects;
import outpost.index.Transport;

/**
 * Where and when a frame arrived.
 *
 * @param transport the listener's transport
 * @param senderAddress the peer's IP address as text; the event's host when the frame names none
 * @param received arrival time
 * @param originalLength the frame's length on the wire; larger than the decoded array when the
 *     transport truncated an oversize frame
 */
public record FrameSource(
    Transport transport, String senderAddress, Instant received, int originalLength) {
  public FrameSource {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(senderAddress, "senderAddress");
    Objects.requireNonNull(received, "received");
    if (originalLength < 0) {
      throw new IllegalArgumentException("originalLength " + originalLength + " is negative");
    }
  }
}
