package outpost.alerts;

import java.time.Instant;
import java.util.List;
import outpost.alerts.check.PerfValue;

/** The performance data of one result, for the detail page's graph. */
public record PerfSample(Instant at, List<PerfValue> values) {
  public PerfSample {
    values = List.copyOf(values);
  }
}
