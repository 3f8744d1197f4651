package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.SoftAssertions;

/**
 * What a search hit for a message sent just now must say. The message is compared without leading
 * and trailing white space: rsyslog's RFC 5424 template puts a space before MSG and a LF after it,
 * and RFC 5424 leaves it to the receiver whether that is part of the message. Immutable.
 *
 * @param facility facility keyword, e.g. {@code local3}
 * @param severity severity keyword, e.g. {@code warning}
 */
record ExpectedHit(String host, String app, String facility, String severity, String message) {
  /** How far the message's timestamp may be from the time of the check. */
  static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

  /** Asserts every field at once, so a failure lists all that differ, with the whole hit. */
  void assertMatches(JsonNode hit) {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(hit.path("host").asText()).as("host in %s", hit).isEqualTo(host);
    soft.assertThat(hit.path("app").asText()).as("app in %s", hit).isEqualTo(app);
    soft.assertThat(hit.path("facility").asText()).as("facility in %s", hit).isEqualTo(facility);
    soft.assertThat(hit.path("severity").asText()).as("severity in %s", hit).isEqualTo(severity);
    soft.assertThat(hit.path("message").asText().strip())
        .as("message in %s", hit)
        .isEqualTo(message);
    soft.assertThat(hit.path("raw").asText()).as("raw in %s", hit).contains(message);
    soft.assertThat(hit.path("parse_error").isMissingNode())
        .as("no parse_error in %s", hit)
        .isTrue();
    soft.assertAll();
    assertNearNow(hit, "timestamp");
    assertNearNow(hit, "received");
  }

  private static void assertNearNow(JsonNode hit, String field) {
    Instant now = Instant.now();
    assertThat(Instant.parse(hit.path(field).asText()))
        .as("%s in %s", field, hit)
        .isBetween(now.minus(CLOCK_TOLERANCE), now.plus(CLOCK_TOLERANCE));
  }
}
