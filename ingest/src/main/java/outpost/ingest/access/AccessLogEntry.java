package outpost.ingest.access;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import outpost.index.Schema;

/**
 * One Apache/nginx access-log line split into fields. Immutable and thread-safe.
 *
 * @param vhost virtual host ({@code %v}); empty when the line has no vhost prefix
 * @param vhostPort port after the vhost ({@code %p}); empty when absent
 * @param clientIp remote address ({@code %h}); a name when HostnameLookups is on
 * @param user authenticated user ({@code %u}); empty for {@code -}
 * @param accessTime request time ({@code %t})
 * @param method request method; empty when the request line is not {@code METHOD PATH [PROTOCOL]}
 * @param path request target, escapes undone; empty like {@code method}
 * @param protocol e.g. {@code HTTP/1.1}; empty when absent
 * @param status HTTP status ({@code %>s})
 * @param bytes response bytes ({@code %b}); {@code -} (Apache's way of writing zero) is 0
 * @param referer Referer header; empty for {@code -} or a Common-format line
 * @param userAgent User-Agent header; empty for {@code -} or a Common-format line
 * @param durationMicros request duration in microseconds ({@code %D}, {@code %T}, nginx {@code
 *     $request_time}); -1 when the line has none
 */
public record AccessLogEntry(
    String vhost,
    String vhostPort,
    String clientIp,
    String user,
    Instant accessTime,
    String method,
    String path,
    String protocol,
    int status,
    long bytes,
    String referer,
    String userAgent,
    long durationMicros) {

  /** Field holding {@link #accessTime()} as ISO-8601 UTC text, e.g. 2015-05-17T10:05:03Z. */
  public static final String ACCESS_TIME = "access_time";

  /** Field holding {@link #vhostPort()}. */
  public static final String VHOST_PORT = "vhost_port";

  public AccessLogEntry {
    Objects.requireNonNull(vhost, "vhost");
    Objects.requireNonNull(vhostPort, "vhostPort");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(accessTime, "accessTime");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(referer, "referer");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /**
   * Adds the fields to {@code fields} under the names of {@link Schema}, plus {@link #ACCESS_TIME}
   * and {@link #VHOST_PORT}. Empty values are left out; numbers are decimal text.
   */
  public void addTo(Map<String, String> fields) {
    putIfPresent(fields, Schema.VHOST, vhost);
    putIfPresent(fields, VHOST_PORT, vhostPort);
    fields.put(Schema.CLIENT_IP, clientIp);
    putIfPresent(fields, Schema.USER, user);
    fields.put(ACCESS_TIME, isoUtc(accessTime));
    putIfPresent(fields, Schema.METHOD, method);
    putIfPresent(fields, Schema.PATH, path);
    putIfPresent(fields, Schema.PROTOCOL, protocol);
    fields.put(Schema.STATUS, Integer.toString(status));
    fields.put(Schema.BYTES, Long.toString(bytes));
    putIfPresent(fields, Schema.REFERER, referer);
    putIfPresent(fields, Schema.USER_AGENT, userAgent);
    if (durationMicros >= 0) {
      fields.put(Schema.DURATION, Long.toString(durationMicros));
    }
  }

  private static void putIfPresent(Map<String, String> fields, String name, String value) {
    if (!value.isEmpty()) {
      fields.put(name, value);
    }
  }

  /** Formats whole seconds by hand: {@code Instant.toString()} goes through a formatter. */
  static String isoUtc(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    char[] out = new char[20];
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      return instant.toString();
    }
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, t.getHour(), 2);
    out[13] = ':';
    put(out, 14, t.getMinute(), 2);
    out[16] = ':';
    put(out, 17, t.getSecond(), 2);
    out[19] = 'Z';
    return new String(out);
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
