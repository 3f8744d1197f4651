package outpost.alerts.notify;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * The Twilio SDK's HTTP client for Outpost: one attempt per request (the outbox retries with its
 * own backoff, so the SDK's and Apache's quick in-line retries would only hide attempts), and, when
 * an API base is set, the same request sent to that base instead of {@code https://api.twilio.com}
 * (a local fake in tests, or a proxy). Thread-safe as the SDK's {@link NetworkHttpClient} is.
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {
  static final String TWILIO_API = "https://api.twilio.com";

  private final String apiBase;

  /** {@code apiBase} null sends to Twilio. */
  TwilioHttpClient(URI apiBase) {
    super(
        HttpClientBuilder.create()
            .useSystemProperties()
            // Apache's default strategy repeats 429 and 503 after a second; the outbox decides
            .disableAutomaticRetries()
            .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                    .build()));
    String base = apiBase == null ? null : apiBase.toString();
    this.apiBase = base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delay) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(redirect(request));
  }

  /** Closes the connection pool. */
  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /** The request as sent: unchanged without an API base, else a copy with the base replaced. */
  Request redirect(Request request) {
    String url = request.getUrl();
    if (apiBase == null || !url.startsWith(TWILIO_API)) {
      return request;
    }
    Request copy = new Request(request.getMethod(), apiBase + url.substring(TWILIO_API.length()));
    if (request.getAuthStrategy() != null) {
      copy.setAuth(request.getAuthStrategy());
    } else if (request.getUsername() != null) {
      copy.setAuth(request.getUsername(), request.getPassword());
    }
    if (request.getContentType() != null) {
      copy.setContentType(request.getContentType());
    }
    if (request.getBody() != null) {
      copy.setBody(request.getBody());
    }
    copyParams(request.getPostParams(), copy::addPostParam);
    copyParams(request.getQueryParams(), copy::addQueryParam);
    copyParams(request.getHeaderParams(), copy::addHeaderParam);
    copy.setUserAgentExtensions(request.getUserAgentExtensions());
    return copy;
  }

  private static void copyParams(
      Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
    from.forEach((k, values) -> values.forEach(v -> to.accept(k, v)));
  }
}
