package outpost.web.auth;

/**
 * A refused change to users or tokens, with the reason the API reports: {@link Kind#INVALID} (400),
 * {@link Kind#CONFLICT} (409) or {@link Kind#NOT_FOUND} (404). The message is meant for the user
 * and names the value and the rule. Free of HTTP types.
 */
public final class AccountException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the change was refused. */
  public enum Kind {
    INVALID,
    CONFLICT,
    NOT_FOUND
  }

  private final Kind kind;

  public AccountException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
