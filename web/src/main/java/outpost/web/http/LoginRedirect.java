package outpost.web.http;

/** A page needs a login; becomes a 302 to {@link #location()}, the login page. */
public final class LoginRedirect extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;

  public LoginRedirect(String location) {
    super("login required", null, false, false);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
