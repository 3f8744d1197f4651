package outpost.index;

import java.util.Objects;

/**
 * A searchable field and how it is indexed.
 *
 * @param type {@code time}, {@code text} (analyzed, the default field), {@code keyword} (exact,
 *     wildcards) or {@code numeric} (exact values and ranges)
 */
public record FieldName(String name, String type) {
  public FieldName {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
