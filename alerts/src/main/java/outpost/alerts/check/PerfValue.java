package outpost.alerts.check;

import java.util.Objects;

/**
 * One performance-data item, {@code 'label'=value[UOM];[warn];[crit];[min];[max]} in the Nagios
 * plugin guidelines.
 *
 * @param label the label without quotes
 * @param value the value; NaN when the plugin printed {@code U} (undetermined)
 * @param unit the unit of measure: empty, {@code s ms us % B KB MB GB TB c}
 * @param warning the warning range as written (see {@code NagiosRange}); empty when absent
 * @param critical the critical range as written; empty when absent
 * @param min the minimum, or null
 * @param max the maximum, or null
 */
public record PerfValue(
    String label,
    double value,
    String unit,
    String warning,
    String critical,
    Double min,
    Double max) {
  public PerfValue {
    Objects.requireNonNull(label, "label");
    unit = Objects.requireNonNullElse(unit, "");
    warning = Objects.requireNonNullElse(warning, "");
    critical = Objects.requireNonNullElse(critical, "");
  }
}
