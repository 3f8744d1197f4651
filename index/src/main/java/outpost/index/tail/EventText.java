package outpost.index.tail;

import outpost.index.LogEvent;
import outpost.index.Schema;
import outpost.index.Syslog;
import outpost.index.lucene.EventDocument;
import outpost.index.lucene.IndexFields;

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

  /**
   * False only when the keyword {@code field} of the event cannot hold the exact term {@code value}
   * as {@code EventDocument} indexes it (its value, cut to {@link EventDocument#MAX_KEYWORD_CHARS};
   * for {@code path} also the part before {@code ?}).
   */
  boolean mayHaveKeyword(String field, String value) {
    String actual =
        switch (field) {
          case Schema.HOST -> event.host();
          case Schema.APP -> event.app();
          case Schema.FACILITY -> Syslog.facilityName(event.facility());
          case Schema.SEVERITY -> Syslog.severityName(event.severity());
          case Schema.TRANSPORT -> event.transport();
          case Schema.PROC_ID -> event.procId();
          case Schema.MSG_ID -> event.msgId();
          default -> IndexFields.RESERVED.contains(field) ? null : event.fields().get(field);
        };
    if (actual == null) {
      return IndexFields.RESERVED.contains(
          field); // an unknown reserved name: leave it to the match
    }
    if (actual.length() > EventDocument.MAX_KEYWORD_CHARS || actual.equals(value)) {
      return true;
    }
    int q = actual.indexOf('?');
    return field.equals(Schema.PATH) && q > 0 && actual.substring(0, q).equals(value);
  }

  /** False only when the numeric {@code field} of the event cannot lie in {@code [low, high]}. */
  boolean mayHaveNumber(String field, long low, long high) {
    long v;
    if (field.equals(IndexFields.SEVERITY_CODE)) {
      v = event.severity();
    } else {
      String text = event.fields().get(field);
      if (text == null) {
        return false;
      }
      try {
        v = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return false; // not indexed as a point, like EventDocument
      }
    }
    return v >= low && v <= high;
  }
}
