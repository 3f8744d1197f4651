package outpost.server.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Log lines whose every field tries to inject markup: each payload sets {@code window.__xss} if a
 * page ever runs it. Host and app names carry payloads without spaces (RFC 5424 allows any
 * printable ASCII there); the message and the access-log fields ({@code path}, {@code referer},
 * {@code user_agent}) carry all of them. Immutable.
 */
final class HostileLogLines {
  static final String SCRIPT = "<script>window.__xss=1</script>";
  static final String IMG = "\"><img src=x onerror=window.__xss=1>";
  static final String SVG = "<svg onload=window.__xss=1>";
  static final String JS_URL = "javascript:window.__xss=1";

  /** Host of the plain message. */
  static final String SVG_HOST = "\"><svg/onload=window.__xss=1>";

  /** App of the plain message. */
  static final String SCRIPT_APP = SCRIPT;

  /** Host of the access-log lines. */
  static final String IMG_HOST = "<img/src=x/onerror=window.__xss=1>";

  /** Path of the first access-log line. */
  static final String SCRIPT_PATH = "/" + SCRIPT;

  /** Every payload, as each page must show it: literally, as text. */
  static final List<String> PAYLOADS = List.of(SCRIPT, IMG, SVG, JS_URL);

  private static final DateTimeFormatter APACHE_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  private HostileLogLines() {}

  /**
   * Three RFC 5424 messages at local0.err (so they count as errors) stamped from {@code time}, each
   * containing {@code token}: a plain message with hostile host, app and text; an access-log line
   * (status 500) with a script path, a {@code javascript:} referer and an img user agent; and one
   * (status 404) with a {@code javascript:} path, an img referer and an svg user agent.
   */
  static List<String> messages(Instant time, String token) {
    String apacheTime = "[" + APACHE_TIME.format(time.atOffset(ZoneOffset.UTC)) + "]";
    String plain = token + " " + String.join(" ", PAYLOADS);
    String scriptPath =
        "203.0.113.66 - - %s \"GET %s HTTP/1.1\" 500 12 \"%s\" \"%s\" %s"
            .formatted(apacheTime, SCRIPT_PATH, JS_URL, apacheEscape(IMG), token);
    String jsPath =
        "203.0.113.67 - - %s \"GET %s HTTP/1.1\" 404 0 \"%s\" \"%s\" %s"
            .formatted(apacheTime, JS_URL, apacheEscape(IMG), SVG, token);
    int pri = SyslogTcp.LOCAL0_ERR;
    // distinct times, so each is the other's context whatever the tie-breaking
    return List.of(
        SyslogTcp.rfc5424(time, pri, SVG_HOST, SCRIPT_APP, plain),
        SyslogTcp.rfc5424(time.plusMillis(10), pri, IMG_HOST, "apache", scriptPath),
        SyslogTcp.rfc5424(time.plusMillis(20), pri, IMG_HOST, "apache", jsPath));
  }

  /**
   * Apache's escaping of a quoted log field ({@code ap_escape_logitem}): {@code "} as {@code \"}.
   */
  private static String apacheEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
