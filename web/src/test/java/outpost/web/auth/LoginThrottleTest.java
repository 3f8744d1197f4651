package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InstantSource clock = now::get;
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

  @Test
  void refusesAnAddressAfterMaxFailuresUntilTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
      throttle.failed("10.0.0.1");
    }

    assertThat(throttle.retryAfter("10.0.0.1")).contains(Duration.ofMinutes(1));
    assertThat(throttle.retryAfter("10.0.0.2")).isEmpty();

    now.set(Instant.EPOCH.plusSeconds(59));
    assertThat(throttle.retryAfter("10.0.0.1")).contains(Duration.ofSeconds(1));

    now.set(Instant.EPOCH.plusSeconds(60));
    assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
  }

  @Test
  void successClearsTheCount() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.succeeded("10.0.0.1");
    throttle.failed("10.0.0.1");

    assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
  }

  @Test
  void failuresInAnOldWindowDoNotCount() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    now.set(Instant.EPOCH.plusSeconds(61));
    throttle.failed("10.0.0.1");

    assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
  }

  @Test
  void staysBoundedUnderManyAddresses() {
    for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 100; i++) {
      throttle.failed("addr-" + i);
    }
    for (int i = 0; i < 3; i++) {
      throttle.failed("addr-0");
    }

    assertThat(throttle.retryAfter("addr-0")).isPresent();
    assertThat(throttle.retryAfter("addr-" + (LoginThrottle.MAX_ADDRESSES + 50))).isEmpty();
  }
}
