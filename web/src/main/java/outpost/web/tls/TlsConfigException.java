package outpost.web.tls;

/**
 * A certificate, key or keystore cannot be used; the message names the file and the reason (never a
 * password).
 */
public final class TlsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsConfigException(String message) {
    super(message);
  }

  public TlsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
