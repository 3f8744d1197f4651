package outpost.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeParserTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static Instant parse(String text) {
    return TimeParser.parse(text).resolve(NOW);
  }

  @Test
  void parsesInstantsWithZuluOrOffset() {
    assertThat(parse("2026-11-23T10:00:00Z")).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(parse("2026-11-23T10:00:00.250+01:00")).isEqualTo("2026-11-23T09:00:00.250Z");
    assertThat(parse("2026-11-23T10:00Z")).isEqualTo("2026-11-23T10:00:00Z");
  }

  @Test
  void parsesADateAsItsStartInUtc() {
    assertThat(parse("2026-11-23")).isEqualTo("2026-11-23T00:00:00Z");
  }

  @Test
  void parsesEpochMilliseconds() {
    assertThat(parse("1795428000000")).isEqualTo(Instant.ofEpochMilli(1795428000000L));
  }

  @Test
  void parsesTimesRelativeToNow() {
    assertThat(parse("now")).isEqualTo(NOW);
    assertThat(parse("now-15m")).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    assertThat(parse("now-2h")).isEqualTo(NOW.minus(Duration.ofHours(2)));
    assertThat(parse("now-7d")).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(parse("now-1w")).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(parse("now+30s")).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void keepsTheTextForMessages() {
    assertThat(TimeParser.parse(" now-15m ").toString()).isEqualTo("now-15m");
    assertThat(TimeParser.parse("2026-11-23").toString()).isEqualTo("2026-11-23");
  }

  @Test
  void refusesAmbiguousOrMalformedTimes() {
    for (String bad :
        new String[] {
          "",
          "yesterday",
          "2026-11-23T10:00:00",
          "2026-13-01",
          "now-15",
          "now-15y",
          "now - 1h",
          "x".repeat(100),
          "now-9999999999d"
        }) {
      assertThatThrownBy(() -> TimeParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("expected an ISO-8601 instant");
    }
  }
}
