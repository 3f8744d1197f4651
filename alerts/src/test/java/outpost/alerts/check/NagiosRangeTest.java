package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The threshold table of the Nagios plugin development guidelines, value by value. */
class NagiosRangeTest {

  @ParameterizedTest(name = "{0} alerts for {1}: {2}")
  @CsvSource({
    // "10": alert if < 0 or > 10
    "10, -1, true",
    "10, -0.001, true",
    "10, 0, false",
    "10, 5, false",
    "10, 10, false",
    "10, 10.001, true",
    "10, 11, true",
    // "10:": alert if < 10
    "10:, 9.99, true",
    "10:, 10, false",
    "10:, 1e9, false",
    // "~:10": alert if > 10 (negative infinity start)
    "~:10, -1e9, false",
    "~:10, 10, false",
    "~:10, 10.5, true",
    // "10:20": alert if < 10 or > 20
    "10:20, 9, true",
    "10:20, 10, false",
    "10:20, 15, false",
    "10:20, 20, false",
    "10:20, 21, true",
    // "@10:20": alert if >= 10 and <= 20
    "@10:20, 9.9, false",
    "@10:20, 10, true",
    "@10:20, 15, true",
    "@10:20, 20, true",
    "@10:20, 20.1, false",
    // decimals and negatives
    "-5:-1, -3, false",
    "-5:-1, 0, true",
    "-5:-1, -5.5, true",
    "0.5:1.5, 0.4, true",
    "0.5:1.5, 1.5, false",
    "@~:0, -1, true",
    "@~:0, 0, true",
    "@~:0, 0.1, false",
    "@0, 0, true",
    "@0, 1, false",
    // a missing start before the colon is 0
    ":5, -1, true",
    ":5, 5, false",
  })
  void alertsExactlyAsTheGuidelinesDefine(String range, double value, boolean alerts) {
    assertThat(NagiosRange.parse(range).alerts(value)).isEqualTo(alerts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10:", "~:10", "10:20", "@10:20", "-1.5:2.25"})
  void keepsTheTextAsWritten(String text) {
    assertThat(NagiosRange.parse(text).text()).isEqualTo(text);
    assertThat(NagiosRange.parse(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10:", "~:10", "10:20", "@10:20"})
  void neverAlertsForAnUndeterminedValue(String text) {
    assertThat(NagiosRange.parse(text).alerts(Double.NaN)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void rejectsAStartAboveTheEndNamingBoth() {
    assertThatThrownBy(() -> NagiosRange.parse("10:5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"10:5\" is not a Nagios range (start 10 > end 5)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "@", "abc", "10:x", "1e3", "NaN", "Infinity", "10::20", "~", "1,5"})
  void rejectsTextThatIsNotARange(String text) {
    assertThatThrownBy(() -> NagiosRange.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Nagios range");
  }
}
