package outpost.index.journal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import outpost.index.LogEvent;
import outpost.index.Schema;

/**
 * Compact binary encoding of one {@link LogEvent}, used by the journal and as the stored source of
 * an indexed document. Strings are varint-length UTF-8. The message is usually a substring of the
 * raw frame, and extracted field values are usually substrings of the message; both are then
 * written as (offset, length) references instead of copies. Well-known field names are written as
 * one byte. Stateless and thread-safe.
 */
public final class EventCodec {
  /** Field names written as a one-byte code (index + 1); append only, never reorder. */
  private static final List<String> KNOWN_KEYS =
      List.of(
          Schema.CLIENT_IP,
          Schema.USER,
          Schema.METHOD,
          Schema.PATH,
          Schema.PROTOCOL,
          Schema.STATUS,
          Schema.BYTES,
          Schema.REFERER,
          Schema.USER_AGENT,
          Schema.DURATION,
          Schema.VHOST);

  private static final Map<String, Integer> KEY_CODES = keyCodes();
  private static final int VERSION = 1;

  /** Values shorter than this are written literally: a reference would not be smaller. */
  private static final int MIN_REFERENCE_CHARS = 4;

  private static final int MAX_FIELDS = 10_000;

  private EventCodec() {}

  private static Map<String, Integer> keyCodes() {
    Map<String, Integer> codes = new HashMap<>();
    for (int i = 0; i < KNOWN_KEYS.size(); i++) {
      codes.put(KNOWN_KEYS.get(i), i + 1);
    }
    return Map.copyOf(codes);
  }

  /** Appends the encoding of {@code event} to {@code out}. */
  public static void encode(LogEvent event, ByteSink out) {
    out.writeByte(VERSION);
    Instant ts = event.timestamp();
    out.writeZigZag(ts.getEpochSecond());
    out.writeVarLong(ts.getNano());
    out.writeZigZag(event.received().getEpochSecond() - ts.getEpochSecond());
    out.writeVarLong(event.received().getNano());
    out.writeByte(event.facility());
    out.writeByte(event.severity());
    out.writeString(event.host());
    out.writeString(event.app());
    out.writeString(event.procId());
    out.writeString(event.msgId());
    out.writeString(event.transport());
    out.writeString(event.parseError());
    out.writeString(event.raw());
    writeReference(event.message(), event.raw(), out);
    writeFields(event.fields(), event.message(), out);
  }

  private static void writeFields(Map<String, String> fields, String message, ByteSink out) {
    out.writeVarLong(fields.size());
    for (Map.Entry<String, String> e : fields.entrySet()) {
      Integer code = KEY_CODES.get(e.getKey());
      if (code != null) {
        out.writeByte(code);
      } else {
        out.writeByte(0);
        out.writeString(e.getKey());
      }
      writeReference(e.getValue(), message, out);
    }
  }

  /**
   * Writes {@code 0, string} or {@code offset + 1, length} of {@code value} inside {@code base}.
   */
  private static void writeReference(String value, String base, ByteSink out) {
    int at = -1;
    if (value.length() >= MIN_REFERENCE_CHARS) {
      at = base.endsWith(value) ? base.length() - value.length() : base.indexOf(value);
    }
    if (at < 0) {
      out.writeVarLong(0);
      out.writeString(value);
    } else {
      out.writeVarLong(at + 1L);
      out.writeVarLong(value.length());
    }
  }

  private static String readReference(ByteSource in, String base) {
    int ref = in.readLength(Integer.MAX_VALUE);
    if (ref == 0) {
      return in.readString();
    }
    int start = ref - 1;
    int length = in.readLength(Integer.MAX_VALUE);
    if (start + (long) length > base.length()) {
      throw new CorruptRecordException(
          "reference " + start + "+" + length + " beyond " + base.length() + " chars");
    }
    return base.substring(start, start + length);
  }

  /** Decodes one event written by {@link #encode}. */
  public static LogEvent decode(ByteSource in) {
    int version = in.readByte();
    if (version != VERSION) {
      throw new CorruptRecordException("event version " + version + ", expected " + VERSION);
    }
    long tsSeconds = in.readZigZag();
    Instant ts = instant(tsSeconds, in.readLength(999_999_999));
    long rcvSeconds = tsSeconds + in.readZigZag();
    Instant received = instant(rcvSeconds, in.readLength(999_999_999));
    int facility = in.readByte();
    int severity = in.readByte();
    String host = in.readString();
    String app = in.readString();
    String procId = in.readString();
    String msgId = in.readString();
    String transport = in.readString();
    String parseError = in.readString();
    String raw = in.readString();
    String message = readReference(in, raw);
    Map<String, String> fields = readFields(in, message);
    try {
      return new LogEvent(
          ts,
          received,
          host,
          app,
          procId,
          msgId,
          facility,
          severity,
          message,
          raw,
          fields,
          transport,
          parseError);
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException("invalid event: " + e.getMessage());
    }
  }

  private static Instant instant(long seconds, int nanos) {
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (java.time.DateTimeException e) {
      throw new CorruptRecordException("timestamp " + seconds + "s out of range");
    }
  }

  private static Map<String, String> readFields(ByteSource in, String message) {
    int n = in.readLength(MAX_FIELDS);
    if (n == 0) {
      return Map.of();
    }
    Map<String, String> fields = HashMap.newHashMap(n);
    for (int i = 0; i < n; i++) {
      int code = in.readByte();
      String key;
      if (code == 0) {
        key = in.readString();
      } else if (code <= KNOWN_KEYS.size()) {
        key = KNOWN_KEYS.get(code - 1);
      } else {
        throw new CorruptRecordException("unknown field code " + code);
      }
      fields.put(key, readReference(in, message));
    }
    return fields;
  }
}
