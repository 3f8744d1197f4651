package outpost.web.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the API writes instants. Stateless. */
final class ApiTime {
  private static final DateTimeFormatter MILLIS =
      new java.time.format.DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private ApiTime() {}

  /**
   * ISO-8601 in UTC, always with a fraction: milliseconds, or micro/nanoseconds when the instant
   * has them ({@code 2026-11-23T10:00:00.000Z}, {@code 2026-11-23T10:00:00.123456Z}).
   */
  static String format(Instant instant) {
    if (instant.getNano() % 1_000_000 == 0) {
      return MILLIS.format(instant);
    }
    // ISO_INSTANT prints the fraction in groups of three digits.
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
