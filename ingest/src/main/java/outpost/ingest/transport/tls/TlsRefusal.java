package outpost.ingest.transport.tls;

import java.util.Locale;

/**
 * Why the TLS listener refused a sender; the fixed value set of the {@code reason} tag of {@link
 * outpost.ingest.IngestMetrics#TLS_REFUSED}.
 */
public enum TlsRefusal {
  /** Client certificates are required and the sender sent none. */
  NO_CERTIFICATE,
  /** The certificate does not chain to a configured CA (nor matches a listed fingerprint). */
  UNTRUSTED,
  /** The certificate (or one in its chain) is expired or not yet valid. */
  EXPIRED,
  /** Only fingerprints are configured and the certificate matches none. */
  FINGERPRINT,
  /** Any other handshake failure: not TLS, an old protocol version, no common cipher, timeout. */
  HANDSHAKE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
