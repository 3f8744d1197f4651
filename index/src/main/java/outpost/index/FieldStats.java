package outpost.index;

/**
 * Summary of a numeric field.
 *
 * @param count matching events that have a value in the field
 * @param sum sum of the values (saturates at {@link Long#MAX_VALUE})
 * @param min smallest value, 0 when count is 0
 * @param max largest value, 0 when count is 0
 */
public record FieldStats(String field, long count, long sum, long min, long max) {
  /** Mean value, 0 when count is 0. */
  public double average() {
    return count == 0 ? 0 : (double) sum / count;
  }
}
