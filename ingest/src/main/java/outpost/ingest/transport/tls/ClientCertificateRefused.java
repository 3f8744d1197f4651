package outpost.ingest.transport.tls;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link ClientCertificateTrust} to fail a handshake; carries the {@link TlsRefusal}, so
 * the handshake handler can count it by reason. Immutable.
 */
public final class ClientCertificateRefused extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final transient TlsRefusal reason;

  public ClientCertificateRefused(TlsRefusal reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public TlsRefusal reason() {
    return reason;
  }
}
