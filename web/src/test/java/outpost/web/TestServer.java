package outpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import outpost.alerts.AlertService;
import outpost.web.auth.PasswordHasher;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.search.SavedSearchStore;

/**
 * A real {@link WebServer} on 127.0.0.1 port 0 over in-memory fakes of the store ({@link
 * FakeLogSearch}, {@link FakeLogTail}, {@link FakeHostDirectory}) and a real saved-search file, and
 * a client.
 */
final class TestServer implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Argon2id at a tiny cost: the OWASP cost takes tens of milliseconds per hash. */
  static final PasswordHasher HASHER = new PasswordHasher(new PasswordHasher.Cost(64, 1, 1));

  final FakeLogSearch search = new FakeLogSearch();
  final FakeLogTail tail = new FakeLogTail();
  final FakeHostDirectory hosts = new FakeHostDirectory(NOW);
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final MutableClock clock = new MutableClock(NOW);
  final FakeAlertService alerts = new FakeAlertService(clock);
  final UserStore users;
  final WebServer server;
  final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(Path dataDir, Map<String, HealthSource> health, boolean metricsRequireLogin)
      throws IOException {
    this(dataDir, health, metricsRequireLogin, null);
  }

  /** {@code publicUrl}: Outpost's public URL for the inbound-SMS signature, or null. */
  TestServer(
      Path dataDir, Map<String, HealthSource> health, boolean metricsRequireLogin, URI publicUrl)
      throws IOException {
    this(dataDir, health, metricsRequireLogin, publicUrl, null);
  }

  /** Serving {@code served} as the alerts instead of {@link #alerts}. */
  TestServer(Path dataDir, AlertService served) throws IOException {
    this(dataDir, Map.of(), false, null, served);
  }

  private TestServer(
      Path dataDir,
      Map<String, HealthSource> health,
      boolean metricsRequireLogin,
      URI publicUrl,
      AlertService served)
      throws IOException {
    users =
        UserStore.open(
            dataDir.resolve(UserStore.FILE_NAME),
            PASSWORD,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            HASHER,
            clock);
    WebConfig config = new WebConfig("127.0.0.1", 0, metricsRequireLogin);
    SavedSearchStore saved =
        SavedSearchStore.open(dataDir.resolve(SavedSearchStore.FILE_NAME), clock);
    server =
        new WebServer(
            config,
            new WebServices(
                search,
                tail,
                hosts,
                health,
                users,
                TokenStore.open(dataDir.resolve(TokenStore.FILE_NAME), clock),
                saved,
                served == null ? alerts : served,
                publicUrl),
            registry,
            clock);
    port = server.start();
  }

  TestServer(Path dataDir) throws IOException {
    this(dataDir, Map.of("index", () -> ComponentHealth.up(Map.of("documents", 3))), false);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code method} to {@code pathAndQuery} with a JSON body (null for none) and headers given
   * as name, value pairs.
   */
  HttpResponse<String> send(String method, String pathAndQuery, String json, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> getAsAdmin(String pathAndQuery) {
    return get(pathAndQuery, basic(UserStore.ADMIN, PASSWORD));
  }

  /** Sends {@code method} with a JSON body (or none when null) as the admin. */
  HttpResponse<String> sendAsAdmin(String method, String path, String jsonBody) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", basic(UserStore.ADMIN, PASSWORD))
            .header("Content-Type", "application/json")
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
