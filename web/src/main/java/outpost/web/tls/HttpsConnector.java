package outpost.web.tls;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds Jetty's HTTPS-only connector: TLS 1.2 and 1.3 only (Jetty's default cipher exclusions),
 * HTTP/1.1 inside. There is no plain-HTTP connector next to it, so a plain request to the port
 * fails the handshake. Stateless.
 */
public final class HttpsConnector {
  /** The only protocols offered. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private HttpsConnector() {}

  /**
   * A connector for {@code server} on {@code host:port} serving {@code identity}.
   *
   * @param http the server's HTTP settings (header limits and so on); copied, not changed
   */
  public static ServerConnector create(
      Server server, HttpConfiguration http, TlsIdentity identity, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(identity.keyStore());
    ssl.setKeyStorePassword(identity.password());
    ssl.setKeyManagerPassword(identity.password());
    ssl.setIncludeProtocols(PROTOCOLS);
    HttpConfiguration https = new HttpConfiguration(http);
    https.setSecureScheme("https");
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Operators often reach the box by IP or another name than the certificate's; the browser
    // already warns about that, Jetty need not refuse the request too.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
