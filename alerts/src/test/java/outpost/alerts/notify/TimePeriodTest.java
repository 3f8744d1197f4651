package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimePeriodTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void weekdaysAndSaturdayMorning() {
    TimePeriod p =
        TimePeriod.parse("monday-friday 09:00-17:30; saturday 10:00-14:00", ZoneOffset.UTC);

    assertThat(p.contains(Instant.parse("2026-11-18T09:00:00Z"))).isTrue(); // Wednesday
    assertThat(p.contains(Instant.parse("2026-11-18T17:29:59Z"))).isTrue();
    assertThat(p.contains(Instant.parse("2026-11-18T17:30:00Z"))).isFalse();
    assertThat(p.contains(Instant.parse("2026-11-18T08:59:59Z"))).isFalse();
    assertThat(p.contains(Instant.parse("2026-11-21T11:00:00Z"))).isTrue(); // Saturday
    assertThat(p.contains(Instant.parse("2026-11-21T15:00:00Z"))).isFalse();
    assertThat(p.contains(Instant.parse("2026-11-22T11:00:00Z"))).isFalse(); // Sunday
  }

  @Test
  void allDayEveryDay() {
    TimePeriod p = TimePeriod.parse("* 00:00-24:00", ZoneOffset.UTC);
    assertThat(p.contains(Instant.parse("2026-11-22T23:59:59Z"))).isTrue();
    assertThat(p.contains(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();
  }

  @Test
  void timesAreInThePeriodsZone() {
    TimePeriod p = TimePeriod.parse("wednesday 09:00-10:00", BERLIN);
    assertThat(p.contains(Instant.parse("2026-11-18T08:30:00Z"))).isTrue(); // 09:30 in Berlin
    assertThat(p.contains(Instant.parse("2026-11-18T09:30:00Z"))).isFalse();
  }

  @Test
  void listsOfDaysRangesAndWrappingWeeks() {
    TimePeriod p =
        TimePeriod.parse("sat-mon 00:00-06:00,22:00-24:00\nwed,thu 12:00-13:00", ZoneOffset.UTC);
    assertThat(p.contains(Instant.parse("2026-11-23T23:00:00Z"))).isTrue(); // Monday
    assertThat(p.contains(Instant.parse("2026-11-22T03:00:00Z"))).isTrue(); // Sunday
    assertThat(p.contains(Instant.parse("2026-11-24T03:00:00Z"))).isFalse(); // Tuesday
    assertThat(p.contains(Instant.parse("2026-11-19T12:30:00Z"))).isTrue(); // Thursday
  }

  @Test
  void badTextNamesThePartThatIsWrong() {
    assertThatThrownBy(() -> TimePeriod.parse("moonday 09:00-17:00", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'moonday' is not a weekday");
    assertThatThrownBy(() -> TimePeriod.parse("monday 9-17", ZoneOffset.UTC))
        .hasMessageContaining("'9-17' is not a range HH:MM-HH:MM");
    assertThatThrownBy(() -> TimePeriod.parse("monday 18:00-09:00", ZoneOffset.UTC))
        .hasMessageContaining("'18:00-09:00' ends before it starts");
    assertThatThrownBy(() -> TimePeriod.parse("monday 09:00-24:30", ZoneOffset.UTC))
        .hasMessageContaining("'09:00-24:30' has a time beyond 24:00");
    assertThatThrownBy(() -> TimePeriod.parse("monday", ZoneOffset.UTC))
        .hasMessageContaining("'monday' needs days and time ranges");
    assertThatThrownBy(() -> TimePeriod.parse(" ; ", ZoneOffset.UTC))
        .hasMessageContaining("has no entries");
  }
}
