package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link JsonHttp} over the JDK's HTTP client: HTTP basic auth and a PEM CA file from the {@link
 * OpenSearchConnection}; requests go to the configured nodes in turn and move on to the next when
 * one cannot be reached. Thread-safe; whoever builds it closes it.
 */
public final class JdkJsonHttp implements JsonHttp, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> hosts;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient client;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @throws IOException when the CA file cannot be read or holds no certificate
   */
  public JdkJsonHttp(OpenSearchConnection connection, Duration timeout) throws IOException {
    this.hosts = connection.hosts();
    this.timeout = timeout;
    this.authorization =
        connection.username() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (connection.username() + ":" + connection.password())
                            .getBytes(StandardCharsets.UTF_8));
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (connection.caFile() != null) {
      builder.sslContext(trusting(connection.caFile()));
    }
    this.client = builder.build();
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IOException("OpenSearch CA file " + caFile + ": no certificate in it");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("OpenSearch CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public JsonNode send(String method, String path, JsonNode body) throws IOException {
    int first = Math.floorMod(next.getAndIncrement(), hosts.size());
    IOException failure = null;
    for (int i = 0; i < hosts.size(); i++) {
      URI host = hosts.get((first + i) % hosts.size());
      try {
        return send(host, method, path, body);
      } catch (StatusException e) {
        throw e;
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private JsonNode send(URI host, String method, String path, JsonNode body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(host.toString().replaceFirst("/+$", "") + path))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during " + method + " " + path, e);
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() >= 400) {
      throw new StatusException(method + " " + path, response.statusCode(), text);
    }
    return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  /** Releases the client's threads and connections. Safe twice. */
  @Override
  public void close() {
    client.close();
  }
}
