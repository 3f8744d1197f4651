package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * The store's connection to the cluster: an {@code opensearch-java} client over the Apache
 * HttpClient 5 transport (spreads requests over the hosts and fails over between them) with basic
 * auth and HTTPS trusting the configured CA. Requests and answers are JSON trees ({@link #call});
 * the store builds the query DSL itself from Outpost's parsed queries.
 *
 * <p>Thread-safe. The store closes it.
 */
final class ClusterClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A connection that cannot be made within this is an outage, not a slow cluster. */
  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

  /** Longest wait for any answer (a bulk of several thousand events on a busy cluster). */
  private static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(60);

  /** An HTTP answer: status and parsed body (missing when there was none). */
  record Reply(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The error reason OpenSearch gave, or the status. */
    String reason() {
      JsonNode error = body.path("error");
      if (error.isTextual()) {
        return status + " " + error.asText();
      }
      JsonNode root = error.path("root_cause").path(0);
      JsonNode cause = root.isMissingNode() ? error : root;
      String type = cause.path("type").asText("");
      String text = cause.path("reason").asText("");
      return status + (type.isEmpty() ? "" : " " + type) + (text.isEmpty() ? "" : ": " + text);
    }
  }

  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient generic;

  ClusterClient(OpenSearchConnection connection) throws IOException {
    SSLContext ssl = sslContext(connection);
    HttpHost[] hosts =
        connection.hosts().stream().map(ClusterClient::host).toArray(HttpHost[]::new);
    this.transport =
        ApacheHttpClient5TransportBuilder.builder(hosts)
            .setMapper(new JacksonJsonpMapper(JSON))
            .setHttpClientConfigCallback(
                b -> {
                  if (connection.username() != null) {
                    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                    for (HttpHost h : hosts) {
                      credentials.setCredentials(
                          new AuthScope(h),
                          new UsernamePasswordCredentials(
                              connection.username(), connection.password().toCharArray()));
                    }
                    b.setDefaultCredentialsProvider(credentials);
                  }
                  return b.setConnectionManager(
                      PoolingAsyncClientConnectionManagerBuilder.create()
                          .setTlsStrategy(
                              ClientTlsStrategyBuilder.create().setSslContext(ssl).build())
                          .setDefaultConnectionConfig(
                              ConnectionConfig.custom()
                                  .setConnectTimeout(CONNECT_TIMEOUT)
                                  .setSocketTimeout(RESPONSE_TIMEOUT)
                                  .build())
                          .setMaxConnTotal(16)
                          .setMaxConnPerRoute(8)
                          .build());
                })
            .setRequestConfigCallback(
                r ->
                    r.setResponseTimeout(RESPONSE_TIMEOUT)
                        .setConnectionRequestTimeout(CONNECT_TIMEOUT))
            .build();
    this.generic = new OpenSearchClient(transport).generic();
  }

  private static HttpHost host(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 9200;
    return new HttpHost(uri.getScheme(), uri.getHost(), port);
  }

  /** Trusts the CA PEM when one is configured, else the JDK's default trust store. */
  private static SSLContext sslContext(OpenSearchConnection connection) throws IOException {
    try {
      if (connection.caFile() == null) {
        return SSLContext.getDefault();
      }
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(connection.caFile())) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IOException(
            "OpenSearch CA file " + connection.caFile() + " holds no certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "OpenSearch CA file " + connection.caFile() + " is not usable: " + e.getMessage(), e);
    }
  }

  /** Sends a JSON body (or none when null); IOException when the cluster cannot be reached. */
  Reply call(String method, String endpoint, JsonNode body) throws IOException {
    return call(method, endpoint, Map.of(), body == null ? null : JSON.writeValueAsBytes(body));
  }

  /** Sends raw JSON bytes (NDJSON for {@code _bulk}) with query parameters. */
  Reply call(String method, String endpoint, Map<String, String> params, byte[] body)
      throws IOException {
    var request = Requests.builder().method(method).endpoint(endpoint).query(params);
    if (body != null) {
      request.body(Body.from(body, "application/json"));
    }
    try (Response response = generic.execute(request.build())) {
      JsonNode tree = MissingNode.getInstance();
      if (response.getBody().isPresent()) {
        try (Body b = response.getBody().get()) {
          byte[] bytes = b.bodyAsBytes();
          if (bytes.length > 0 && b.contentType() != null && b.contentType().contains("json")) {
            tree = JSON.readTree(new ByteArrayInputStream(bytes));
          } else if (bytes.length > 0) {
            tree = JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
          }
        }
      }
      return new Reply(response.getStatus(), tree);
    } catch (IOException | RuntimeException e) {
      // the transport reports 429 and 5xx as an exception carrying the answer, sometimes wrapped
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ResponseException r) {
          return new Reply(r.status(), parse(r.getMessage()));
        }
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("OpenSearch request " + method + " " + endpoint + " failed: " + e, e);
    }
  }

  /** The answer's body, which the transport puts after the first line of its message. */
  private static JsonNode parse(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    if (nl < 0) {
      return MissingNode.getInstance();
    }
    String body = message.substring(nl + 1);
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  /** Like {@link #call} but an answer other than 2xx is an {@link IOException} with its reason. */
  JsonNode expectOk(String method, String endpoint, JsonNode body) throws IOException {
    Reply r = call(method, endpoint, body);
    if (!r.ok()) {
      throw new IOException(method + " " + endpoint + ": " + r.reason());
    }
    return r.body();
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
