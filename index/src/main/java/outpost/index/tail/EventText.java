package outpost.index.tail;

import outpost.index.LogEvent;

/**
 * One event as {@link Prefilter}s see it, with its message lower-cased once, on demand. Not
 * thread-safe: the hub thread's.
 */
final class EventText {
  private LogEvent event;
  private String lowered;

  void reset(LogEvent event) {
    this.event = event;
    this.lowered = null;
  }

  LogEvent event() {
    return event;
  }

  /**
   * The message lower-cased char by char as {@code LogTokenizer} lower-cases tokens, so every token
   * of the message is a substring of it.
   */
  String loweredMessage() {
    if (lowered == null) {
      String m = event.message();
      char[] out = new char[m.length()];
      for (int i = 0; i < out.length; i++) {
        char c = m.charAt(i);
        if (c < 0x80) {
          out[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        } else {
          out[i] = Character.isSurrogate(c) ? c : Character.toLowerCase(c);
        }
      }
      lowered = new String(out);
    }
    return lowered;
  }
}
