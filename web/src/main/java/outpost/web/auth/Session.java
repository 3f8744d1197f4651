package outpost.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * One browser login: its secret id (the cookie value), the user, the CSRF token that state-changing
 * requests must echo, and its times. Immutable; {@link SessionStore} replaces it on use.
 */
public record Session(String id, String user, String csrf, Instant created, Instant lastUsed) {
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrf, "csrf");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
  }

  /** True when {@code token} is this session's CSRF token; constant time. */
  public boolean csrfMatches(String token) {
    return token != null
        && MessageDigest.isEqual(
            csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  Session touched(Instant now) {
    return new Session(id, user, csrf, created, now);
  }

  /** Leaves the secrets out. */
  @Override
  public String toString() {
    return "Session[user=" + user + ", created=" + created + ", lastUsed=" + lastUsed + "]";
  }
}
