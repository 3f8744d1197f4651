package outpost.ingest;

import outpost.index.LogEvent;

/**
 * Turns one received syslog frame into a {@link LogEvent}. Never throws for bad input: a frame that
 * does not parse becomes an event with {@link LogEvent#parseError()} set and the raw text kept.
 * Implementations are thread-safe and cheap enough to call on a Netty event loop.
 */
public interface EventDecoder {

  /**
   * Decodes one frame.
   *
   * @param frame the frame bytes (without the TCP framing: no octet count, no trailing LF); the
   *     decoder does not keep a reference to the array
   * @param source where and when it arrived
   */
  LogEvent decode(byte[] frame, FrameSource source);
}
