package outpost.web.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as the API shows it: name, role and when it was created. Never holds the password hash.
 * Immutable.
 */
public record User(String name, Role role, Instant created) {
  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
