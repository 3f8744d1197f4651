package outpost.ingest.transport.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether a sender's client certificate is admitted: it must be within its validity dates
 * and either match a listed SHA-256 fingerprint or chain to one of the configured CAs (PKIX, no
 * revocation check), and if it states extended key usages, one must be TLS client authentication. A
 * refusal is a {@link ClientCertificateRefused} carrying the {@link TlsRefusal}.
 *
 * <p>Immutable and thread-safe; a reload builds a new one. Server side only.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
  private static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EKU = "2.5.29.37.0";

  private final Set<TrustAnchor> anchors;
  private final X509Certificate[] issuers;
  private final Set<String> fingerprints;
  private final InstantSource clock;

  ClientCertificateTrust(List<X509Certificate> cas, Set<String> fingerprints, InstantSource clock) {
    Set<TrustAnchor> a = new HashSet<>();
    for (X509Certificate ca : cas) {
      a.add(new TrustAnchor(ca, null));
    }
    this.anchors = Set.copyOf(a);
    this.issuers = cas.toArray(new X509Certificate[0]);
    this.fingerprints = Set.copyOf(fingerprints);
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new ClientCertificateRefused(TlsRefusal.NO_CERTIFICATE, "no client certificate", null);
    }
    X509Certificate leaf = chain[0];
    Date now = Date.from(clock.instant());
    try {
      leaf.checkValidity(now);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ClientCertificateRefused(
          TlsRefusal.EXPIRED,
          "client certificate " + leaf.getSubjectX500Principal() + " is outside its validity",
          e);
    }
    checkKeyUsage(leaf);
    if (fingerprints.contains(Fingerprints.of(leaf))) {
      return;
    }
    if (anchors.isEmpty()) {
      throw new ClientCertificateRefused(
          TlsRefusal.FINGERPRINT,
          "client certificate " + leaf.getSubjectX500Principal() + " matches no listed fingerprint",
          null);
    }
    validatePath(chain, now);
  }

  private void validatePath(X509Certificate[] chain, Date now) throws ClientCertificateRefused {
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(now);
      // the anchor itself must not be part of the path
      List<X509Certificate> path = Arrays.stream(chain).filter(c -> !isAnchor(c)).toList();
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (CertPathValidatorException e) {
      TlsRefusal reason =
          e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID
              ? TlsRefusal.EXPIRED
              : TlsRefusal.UNTRUSTED;
      throw new ClientCertificateRefused(
          reason,
          "client certificate "
              + chain[0].getSubjectX500Principal()
              + " does not chain to a configured CA: "
              + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new ClientCertificateRefused(
          TlsRefusal.UNTRUSTED, "cannot validate client certificate: " + e.getMessage(), e);
    }
  }

  private boolean isAnchor(X509Certificate certificate) {
    for (X509Certificate ca : issuers) {
      if (ca.equals(certificate)) {
        return true;
      }
    }
    return false;
  }

  private static void checkKeyUsage(X509Certificate leaf) throws ClientCertificateRefused {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateException e) {
      throw new ClientCertificateRefused(TlsRefusal.UNTRUSTED, "unreadable extended key usage", e);
    }
    if (usages != null && !usages.contains(CLIENT_AUTH_EKU) && !usages.contains(ANY_EKU)) {
      throw new ClientCertificateRefused(
          TlsRefusal.UNTRUSTED,
          "client certificate " + leaf.getSubjectX500Principal() + " is not for client auth",
          null);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the syslog TLS listener never trusts server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /**
   * None: the certificate request names no CA (RFC 5246 7.4.4 and RFC 8446 4.2.4 allow that), so a
   * sender presents its certificate even when it is from another CA or self-signed, and is refused
   * here with a precise reason instead of silently sending none.
   */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
