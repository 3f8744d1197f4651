package outpost.web.http;

/**
 * The request needs a login and has none, or a wrong one; becomes a 401, with a Basic challenge
 * unless the browser UI sent it.
 */
public final class AuthenticationRequired extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuthenticationRequired(String reason) {
    super(reason, null, false, false);
  }
}
