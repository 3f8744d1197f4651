package outpost.index;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds test events. */
final class Events {
  private Events() {}

  static LogEvent event(Instant ts, String host, String app, int severity, String message) {
    return event(ts, host, app, severity, message, Map.of());
  }

  static LogEvent event(
      Instant ts, String host, String app, int severity, String message, Map<String, String> f) {
    String raw = "<" + (8 + severity) + ">1 " + ts + " " + host + " " + app + " - - - " + message;
    return new LogEvent(ts, ts, host, app, "", "", 1, severity, message, raw, f, "tcp", "");
  }

  /** An access-log event as ingest would extract it. */
  static LogEvent access(
      Instant ts, String host, String ip, String method, String path, int status, long bytes) {
    String message =
        ip
            + " - - [17/May/2015:10:05:03 +0000] \""
            + method
            + " "
            + path
            + " HTTP/1.1\" "
            + status
            + " "
            + bytes
            + " \"-\" \"curl/8.0\"";
    Map<String, String> f = new HashMap<>();
    f.put(Schema.CLIENT_IP, ip);
    f.put(Schema.METHOD, method);
    f.put(Schema.PATH, path);
    f.put(Schema.PROTOCOL, "HTTP/1.1");
    f.put(Schema.STATUS, Integer.toString(status));
    f.put(Schema.BYTES, Long.toString(bytes));
    f.put(Schema.USER_AGENT, "curl/8.0");
    return event(ts, host, "apache", 6, message, f);
  }
}
