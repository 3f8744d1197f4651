package outpost.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a notification as JSON: Slack-compatible ({@code {"text": "..."}}) plus structured fields
 * for other receivers. 2xx is sent; 429, 5xx and network errors are temporary; other statuses are
 * permanent. Thread-safe; {@link #close()} releases the HTTP client.
 */
public final class WebhookSender implements AutoCloseable {
  /** A sensible bound for one webhook call: connect plus response. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** A response body is kept only for the error text, at most this many bytes of it. */
  private static final int MAX_ERROR_BYTES = 1024;

  /** Of which at most this many characters go into the error. */
  private static final int MAX_ERROR_CHARS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  /** {@code timeout} bounds connecting and the whole exchange. */
  public WebhookSender(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("webhook timeout " + timeout + " is not positive");
    }
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Posts {@code text} with {@code fields} (each becomes a top-level JSON member next to {@code
   * text}).
   */
  public SendOutcome send(URI url, String text, Map<String, Object> fields) {
    Objects.requireNonNull(url, "url");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    fields.forEach(body::putIfAbsent);
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      return new SendOutcome.PermanentFailure(0, "cannot encode webhook JSON: " + e.getMessage());
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "outpost-alerts")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      // the whole exchange, body included, is bounded in time and the body kept is bounded in size
      HttpResponse<String> response =
          client
              .sendAsync(request, info -> BoundedBody.subscriber(MAX_ERROR_BYTES))
              .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      return classify(response.statusCode(), response.body());
    } catch (ExecutionException e) {
      return new SendOutcome.TemporaryFailure(0, "network: " + e.getCause());
    } catch (TimeoutException e) {
      return new SendOutcome.TemporaryFailure(
          0, "no complete answer within " + timeout.multipliedBy(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendOutcome.TemporaryFailure(0, "interrupted");
    }
  }

  static SendOutcome classify(int status, String body) {
    if (status >= 200 && status < 300) {
      return new SendOutcome.Sent("HTTP " + status);
    }
    String b = body == null ? "" : body.strip();
    String reason =
        "HTTP "
            + status
            + (b.isEmpty() ? "" : ": " + b.substring(0, Math.min(b.length(), MAX_ERROR_CHARS)));
    if (status == 429 || status >= 500) {
      return new SendOutcome.TemporaryFailure(status, reason);
    }
    return new SendOutcome.PermanentFailure(status, reason);
  }

  @Override
  public void close() {
    client.close();
  }
}
