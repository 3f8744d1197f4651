package outpost.web.auth;

import java.time.Duration;

/** The outcome of one login attempt, by password, Basic header or API token. Immutable. */
public sealed interface AuthResult {
  /** The credentials belong to this user. */
  record Authenticated(User user) implements AuthResult {}

  /** No credentials were offered. */
  record Missing() implements AuthResult {}

  /** Credentials were offered and are wrong or malformed. */
  record Rejected(String reason) implements AuthResult {}

  /** Too many failures from this address or for this user name; try again after that. */
  record Throttled(Duration retryAfter) implements AuthResult {}
}
