package outpost.web.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as the API shows it; never holds the secret or its hash. Immutable.
 *
 * @param lastUsed when it last authenticated a request (to within a minute), null if never
 */
public record ApiToken(String id, String name, String owner, Instant created, Instant lastUsed) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(created, "created");
  }
}
