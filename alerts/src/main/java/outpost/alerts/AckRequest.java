package outpost.alerts;

import java.time.Instant;
import java.util.Objects;

/** An acknowledgement asked for by a user; {@code expires} may be null (no expiry). */
public record AckRequest(String author, String comment, boolean sticky, Instant expires) {
  public AckRequest {
    Objects.requireNonNull(author, "author");
    comment = Objects.requireNonNullElse(comment, "");
  }
}
