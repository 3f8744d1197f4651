package outpost.web.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void ratesOverTheLastFiveSecondsOnly() {
    RateWindow rate = new RateWindow(Duration.ofSeconds(5));
    rate.record(0, 0);
    for (int s = 1; s <= 10; s++) {
      // 100 per second for 5 s, then 10 per second
      rate.record(s * SECOND, s <= 5 ? s * 100L : 500 + (s - 5) * 10L);
    }

    assertThat(rate.record(11 * SECOND, 560)).isCloseTo(10.0, within(0.001));
  }

  @Test
  void aYoungStreamDividesByItsAgeButAtLeastOneSecond() {
    RateWindow rate = new RateWindow(Duration.ofSeconds(5));
    rate.record(0, 0);

    assertThat(rate.record(SECOND / 4, 5)).isCloseTo(5.0, within(0.001));
    assertThat(rate.record(2 * SECOND, 40)).isCloseTo(20.0, within(0.001));
  }
}
