package outpost.ingest.transport;

import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogEvent;
import outpost.ingest.DropReason;
import outpost.ingest.EventDecoder;
import outpost.ingest.FrameSource;
import outpost.ingest.IngestMetrics;

/**
 * Turns a received frame into a {@link LogEvent} through the parser facade and counts what it saw
 * (messages, bytes, truncations, parse errors). Shared by all channels of one transport.
 *
 * <p>Thread-safe: stateless apart from thread-safe meters. Nothing to close.
 */
public final class CountingEventDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(CountingEventDecoder.class);

  private final EventDecoder decoder;
  private final IngestMetrics metrics;
  private final InstantSource clock;

  public CountingEventDecoder(EventDecoder decoder, IngestMetrics metrics, InstantSource clock) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Decodes one frame.
   *
   * @param frame the frame's bytes, at most the frame limit; not kept
   * @param originalLength the frame's length on the wire, larger than {@code frame.length} when the
   *     transport truncated it
   * @param sender the peer's IP address as text
   * @return the event, or {@code null} when the decoder broke its never-throw contract (logged and
   *     counted as {@link DropReason#DECODER_ERROR})
   */
  public LogEvent decode(byte[] frame, int originalLength, String sender) {
    metrics.messages().increment();
    metrics.bytes().increment(originalLength);
    if (originalLength > frame.length) {
      metrics.truncated().increment();
    }
    FrameSource source =
        new FrameSource(metrics.transport(), sender, clock.instant(), originalLength);
    LogEvent event;
    try {
      event = decoder.decode(frame, source);
    } catch (RuntimeException e) {
      LOG.error(
          "Event decoder threw on a {} frame from {}; frame dropped",
          source.transport().id(),
          sender,
          e);
      metrics.dropped(DropReason.DECODER_ERROR).increment();
      return null;
    }
    if (event.unparsed()) {
      metrics.parseErrors().increment();
    }
    return event;
  }

  /** The counters this decoder reports to. */
  public IngestMetrics metrics() {
    return metrics;
  }
}
