package outpost.ingest.syslog;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A time zone for senders whose host name matches a glob, for RFC 3164 timestamps that carry no
 * zone. Immutable and thread-safe.
 *
 * @param pattern a glob over the host name, case-insensitive: {@code *} matches any run of
 *     characters, {@code ?} one character (e.g. {@code web-*}, {@code *.tokyo.example.com})
 * @param zone the zone the matching senders write their local time in
 */
public record HostZone(String pattern, ZoneId zone) {
  /** Host names are at most 255 octets (RFC 5424 section 6.2.4), so longer globs are a mistake. */
  public static final int MAX_PATTERN_LENGTH = 255;

  public HostZone {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(zone, "zone");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("host pattern is blank");
    }
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "host pattern length " + pattern.length() + " exceeds limit " + MAX_PATTERN_LENGTH);
    }
    pattern = pattern.toLowerCase(Locale.ROOT);
    zone = zone.normalized();
  }

  /** True when {@code host} matches the glob, ignoring ASCII case. */
  public boolean matches(String host) {
    int p = 0;
    int h = 0;
    int star = -1;
    int starHost = 0;
    while (h < host.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == lower(host.charAt(h)))) {
        p++;
        h++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        starHost = h;
      } else if (star >= 0) {
        // backtrack: let the last '*' swallow one more character
        p = star + 1;
        h = ++starHost;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
