package outpost.alerts.check;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small helpers the check kinds share to build results and perfdata. Stateless. */
final class Results {
  private Results() {}

  /** A result finished now, having run since {@code startNanos} ({@link System#nanoTime()}). */
  static CheckResult result(
      InstantSource clock,
      long startNanos,
      Status status,
      String output,
      String longOutput,
      List<PerfValue> perf) {
    return new CheckResult(
        status,
        output,
        longOutput,
        perf,
        clock.instant(),
        Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
  }

  static CheckResult result(InstantSource clock, long startNanos, Status status, String output) {
    return result(clock, startNanos, status, output, "", List.of());
  }

  static PerfValue perf(
      String label,
      double value,
      String unit,
      Optional<NagiosRange> warning,
      Optional<NagiosRange> critical,
      Double min,
      Double max) {
    return new PerfValue(
        label,
        value,
        unit,
        warning.map(NagiosRange::text).orElse(""),
        critical.map(NagiosRange::text).orElse(""),
        min,
        max);
  }

  /** CRITICAL when the critical range alerts, else WARNING when the warning one does, else OK. */
  static Status threshold(
      double value, Optional<NagiosRange> warning, Optional<NagiosRange> critical) {
    if (critical.isPresent() && critical.get().alerts(value)) {
      return Status.CRITICAL;
    }
    if (warning.isPresent() && warning.get().alerts(value)) {
      return Status.WARNING;
    }
    return Status.OK;
  }

  /** The more severe of two states: CRITICAL > UNKNOWN > WARNING > OK, as Nagios ranks them. */
  static Status worst(Status a, Status b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(Status s) {
    return switch (s) {
      case OK -> 0;
      case WARNING -> 1;
      case UNKNOWN -> 2;
      case CRITICAL -> 3;
    };
  }

  /** Seconds with millisecond precision, as plugins print response times. */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /** The message of {@code e} or its class name; never null, for outputs. */
  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Text from a remote peer made safe for a one-line output: no control chars, bounded. */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : Character.isISOControl(c) ? "?" : c);
    }
    return s.length() > max ? b + "..." : b.toString();
  }
}
