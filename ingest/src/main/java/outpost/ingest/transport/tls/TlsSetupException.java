package outpost.ingest.transport.tls;

/**
 * TLS key material or trust settings cannot be used; the message names the file and the reason,
 * never a password.
 */
public final class TlsSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsSetupException(String message) {
    super(message);
  }

  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
