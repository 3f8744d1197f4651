package outpost.ingest.transport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import outpost.index.LogEvent;
import outpost.ingest.EventDecoder;
import outpost.ingest.FrameSource;

/**
 * Stands in for the syslog parsers: the message is the frame as UTF-8, a frame not starting with
 * {@code <} is a parse error, and the frame's original length is kept in field {@code
 * original_length}. Stateless and thread-safe.
 */
public final class FakeEventDecoder implements EventDecoder {
  public static final String ORIGINAL_LENGTH = "original_length";

  @Override
  public LogEvent decode(byte[] frame, FrameSource source) {
    String text = new String(frame, StandardCharsets.UTF_8);
    return new LogEvent(
        source.received(),
        source.received(),
        source.senderAddress(),
        "",
        "",
        "",
        1,
        5,
        text,
        text,
        Map.of(ORIGINAL_LENGTH, Integer.toString(source.originalLength())),
        source.transport().id(),
        text.startsWith("<") ? "" : "no PRI");
  }
}
