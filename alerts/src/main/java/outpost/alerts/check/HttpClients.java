package outpost.alerts.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP clients the {@code http}, {@code https} and {@code peer} checks share: one per
 * combination of redirect policy and trust (the JDK's trust store, a CA file, or none for {@code
 * insecure}), so thousands of checks reuse a few connection pools. Thread-safe; clients live as
 * long as the factory that owns this.
 */
final class HttpClients {
  /** What distinguishes one client from another. */
  record Key(boolean followRedirects, boolean insecure, Path caFile) {}

  private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<Path, SSLContext> caContexts = new ConcurrentHashMap<>();

  /**
   * The shared client for {@code key}, built on first use.
   *
   * @throws CheckConfigException when the CA file cannot be read
   */
  HttpClient client(Key key) {
    SSLContext tls = tls(key);
    return clients.computeIfAbsent(
        key,
        k ->
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(
                    k.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build());
  }

  private SSLContext tls(Key key) {
    try {
      if (key.insecure()) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        return context;
      }
      if (key.caFile() == null) {
        return SSLContext.getDefault();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
    SSLContext cached = caContexts.get(key.caFile());
    if (cached != null) {
      return cached;
    }
    SSLContext context = caContext(key.caFile());
    caContexts.put(key.caFile(), context);
    return context;
  }

  /** A context that trusts only the certificates in a PEM file, verifying host names as usual. */
  static SSLContext caContext(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new CheckConfigException("ca_file", pem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (IOException e) {
      throw new CheckConfigException("ca_file", "cannot read " + pem + ": " + Results.message(e));
    } catch (GeneralSecurityException e) {
      throw new CheckConfigException(
          "ca_file", pem + " is not a PEM certificate file: " + Results.message(e));
    }
  }

  /**
   * Accepts any certificate and any host name, for {@code insecure: true}. Being an extended trust
   * manager, the JDK does not add its own host-name check around it.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
