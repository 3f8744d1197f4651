package outpost.agents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Builds RFC 5424 messages (without transport framing): {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME
 * PROCID MSGID [SD] MSG}. The timestamp is RFC 3339 in UTC with microseconds. The message body is
 * kept as the bytes it was read as. Immutable and thread-safe.
 */
public final class Rfc5424Writer {
  /** RFC 5424 6.2: HOSTNAME at most 255, APP-NAME 48, PROCID 128, MSGID 32 printable characters. */
  static final int MAX_HOSTNAME = 255;

  static final int MAX_APP_NAME = 48;
  static final int MAX_MSGID = 32;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final int facility;
  private final int severity;
  private final String hostname;
  private final String procId;

  /**
   * @throws IllegalArgumentException naming the value and the limit when a header field is invalid
   */
  public Rfc5424Writer(int facility, int severity, String hostname, String procId) {
    if (facility < 0 || facility > 23) {
      throw new IllegalArgumentException("facility " + facility + " is outside 0..23");
    }
    if (severity < 0 || severity > 7) {
      throw new IllegalArgumentException("severity " + severity + " is outside 0..7");
    }
    this.facility = facility;
    this.severity = severity;
    this.hostname = headerField("hostname", hostname, MAX_HOSTNAME);
    this.procId = headerField("procid", procId, 128);
  }

  /**
   * Checks a header field: printable US-ASCII without spaces (RFC 5424 6.2), at most {@code max}
   * characters; empty becomes the NILVALUE {@code -}.
   */
  static String headerField(String name, String value, int max) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          name + " '" + value + "' has " + value.length() + " characters, limit " + max);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException(
            name
                + " '"
                + value
                + "' may hold printable ASCII only (no spaces), found code "
                + (int) c);
      }
    }
    return value;
  }

  String hostname() {
    return hostname;
  }

  /** A message with this writer's facility and severity. */
  public byte[] message(Instant time, String appName, String msgId, String sd, byte[] body) {
    return message(severity, time, appName, msgId, sd, body, 0, body.length);
  }

  /** A message with {@code severity}, the body being {@code body[from, to)}. */
  byte[] message(
      int severity,
      Instant time,
      String appName,
      String msgId,
      String sd,
      byte[] body,
      int from,
      int to) {
    String header =
        "<"
            + (facility * 8 + severity)
            + ">1 "
            + TIMESTAMP.format(time)
            + ' '
            + hostname
            + ' '
            + headerField("app name", appName, MAX_APP_NAME)
            + ' '
            + procId
            + ' '
            + headerField("msgid", msgId, MAX_MSGID)
            + ' '
            + (sd == null || sd.isEmpty() ? "-" : sd)
            + (to > from ? " " : "");
    ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + to - from);
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    out.write(body, from, to - from);
    return out.toByteArray();
  }

  /**
   * One SD-ELEMENT, {@code [id name="value" ...]}; {@code params} is a list of name/value pairs so
   * a name may repeat (RFC 5424 6.3.3 allows it). Values are escaped per RFC 5424 6.3.3.
   */
  public static String sdElement(String id, List<Map.Entry<String, String>> params) {
    StringBuilder sb = new StringBuilder().append('[').append(sdName("SD-ID", id));
    for (Map.Entry<String, String> p : params) {
      sb.append(' ').append(sdName("PARAM-NAME", p.getKey())).append("=\"");
      escapeSdValue(p.getValue(), sb);
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  /** RFC 5424 6.3.3: inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
  static void escapeSdValue(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** RFC 5424 6.3.2: SD-NAME is 1..32 printable ASCII except '=', ' ', ']' and '"'. */
  private static String sdName(String what, String name) {
    if (name.isEmpty() || name.length() > 32) {
      throw new IllegalArgumentException(what + " '" + name + "' must have 1..32 characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126 || c == '=' || c == ']' || c == '"') {
        throw new IllegalArgumentException(what + " '" + name + "' has a forbidden character");
      }
    }
    return name;
  }

  /** RFC 6587 3.4.1 octet counting: {@code MSG-LEN SP SYSLOG-MSG}. */
  static byte[] octetCounted(byte[] message) {
    byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + message.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(message, 0, out, prefix.length, message.length);
    return out;
  }
}
