package outpost.alerts.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one run of a check, as a Nagios plugin would report it. Immutable.
 *
 * @param status the state
 * @param output the first line of output (without perfdata), at most {@link #MAX_OUTPUT_CHARS}
 * @param longOutput further lines of output, may be empty
 * @param perfData performance data, may be empty
 * @param checkedAt when the check finished
 * @param took how long it ran
 */
public record CheckResult(
    Status status,
    String output,
    String longOutput,
    List<PerfValue> perfData,
    Instant checkedAt,
    Duration took) {
  public static final int MAX_OUTPUT_CHARS = 1024;

  public CheckResult {
    Objects.requireNonNull(status, "status");
    output = truncate(Objects.requireNonNullElse(output, ""));
    longOutput = Objects.requireNonNullElse(longOutput, "");
    if (longOutput.length() > 8 * MAX_OUTPUT_CHARS) {
      longOutput = longOutput.substring(0, 8 * MAX_OUTPUT_CHARS);
    }
    perfData = List.copyOf(perfData);
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(took, "took");
  }

  private static String truncate(String s) {
    return s.length() <= MAX_OUTPUT_CHARS ? s : s.substring(0, MAX_OUTPUT_CHARS);
  }
}
