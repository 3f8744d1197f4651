package outpost.server.ui;

import java.time.Instant;

/**
 * Reads a {@code from}/{@code to} value of a page URL: an ISO-8601 instant or epoch milliseconds,
 * the absolute forms the API accepts. Stateless.
 */
final class UrlTime {
  private UrlTime() {}

  static Instant parse(String value) {
    if (value == null || value.isBlank()) {
      throw new AssertionError("the URL has no absolute time: " + value);
    }
    if (value.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    return Instant.parse(value);
  }
}
