package outpost.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 5424 timestamps of fixed width (24 characters, UTC, milliseconds). Stateless. */
final class Timestamps {
  /** Width of every formatted timestamp, so a pre-encoded message can be patched in place. */
  static final int WIDTH = 24;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Formats {@code t} as e.g. {@code 2026-11-23T10:45:00.123Z} (RFC 5424 section 6.2.3). */
  static String format(Instant t) {
    String s = FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
    if (s.length() != WIDTH) {
      throw new IllegalArgumentException("timestamp " + s + " is not " + WIDTH + " characters");
    }
    return s;
  }
}
