package outpost.alerts.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.Status;

/** Results the engine makes itself. */
final class Results {
  private Results() {}

  static CheckResult unknown(String output, Instant start, Instant end) {
    return new CheckResult(
        Status.UNKNOWN, output, "", List.of(), end, Duration.between(start, end));
  }
}
