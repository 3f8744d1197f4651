package outpost.ingest.transport.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK TLS client for tests: trusts one CA for the server, optionally presents a client
 * certificate, and sends octet-counted syslog frames (RFC 5425 section 4.3). Not thread-safe.
 */
public final class TlsClient implements AutoCloseable {
  private final SSLSocket socket;

  private TlsClient(SSLSocket socket) {
    this.socket = socket;
  }

  /**
   * Connects from {@code localAddress} (e.g. 127.0.0.2) to 127.0.0.1:{@code port} and completes the
   * handshake from the client's side.
   *
   * @param client the client certificate and key, or null to present none
   */
  public static TlsClient connect(
      int port, Path serverCa, TestPki.Leaf client, InetAddress localAddress)
      throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    KeyManager[] keys = null;
    if (client != null) {
      TlsFiles.Identity identity =
          TlsFiles.identity(new KeyMaterial.Pem(client.certificate(), client.key()));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity.store(), identity.password());
      keys = kmf.getKeyManagers();
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate ca : TlsFiles.certificates(serverCa)) {
      trust.setCertificateEntry("ca" + i++, ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    context.init(keys, tmf.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return new TlsClient(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Connects from 127.0.0.1. */
  public static TlsClient connect(int port, Path serverCa, TestPki.Leaf client)
      throws IOException, GeneralSecurityException {
    return connect(port, serverCa, client, InetAddress.getLoopbackAddress());
  }

  /** Sends each message octet-counted and flushes. */
  public void send(String... messages) throws IOException {
    OutputStream out = socket.getOutputStream();
    for (String message : messages) {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
    }
    out.flush();
  }

  /**
   * Waits for the server to close or fail the connection: returns once a read ends or fails (within
   * the socket timeout). A refused TLS 1.3 client learns of it only here.
   */
  public boolean closedByServer() {
    try {
      return socket.getInputStream().read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** The connected socket, after the handshake, for clients that speak another protocol. */
  public SSLSocket socket() {
    return socket;
  }

  /** The certificate the server presented. */
  public X509Certificate serverCertificate() throws IOException {
    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
