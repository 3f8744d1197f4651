package outpost.index;

import java.util.List;

/**
 * Top values of a field.
 *
 * @param total number of matching events
 * @param missing matching events without a value in the field
 * @param values most frequent first
 */
public record Facets(String field, long total, long missing, List<Value> values) {
  public Facets {
    values = List.copyOf(values);
  }

  /** One value and how many matching events have it. */
  public record Value(String value, long count) {}
}
