package outpost.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks API as a script and Twilio use it: {@code /api/checks}, {@code /api/notifications}
 * with HTTP Basic as admin, and Twilio's inbound-SMS webhook with a computed {@code
 * X-Twilio-Signature}. Thread-safe.
 */
final class AlertsHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  AlertsHttp(int webPort, String adminPassword) {
    this.base = "http://127.0.0.1:" + webPort;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET path} as admin; the parsed body, failing on any status but 200. */
  JsonNode get(String path) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization)
                .GET());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The board entry of {@code host}/{@code service}, or null when there is none (yet). */
  JsonNode check(String host, String service) {
    for (JsonNode c : get("/api/checks?host=" + host).get("checks")) {
      if (c.get("host").asText().equals(host) && c.get("service").asText().equals(service)) {
        return c;
      }
    }
    return null;
  }

  /** The URL Twilio would post to: Outpost's webhook as this client reaches it. */
  String webhookUrl() {
    return base + "/api/twilio/sms";
  }

  /** Posts an inbound SMS as Twilio does: form-encoded, signed with {@code authToken}. */
  HttpResponse<String> inboundSms(Map<String, String> params, String authToken) {
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(webhookUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature(webhookUrl(), params, authToken))
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /**
   * Twilio's request signature: HMAC-SHA1 keyed with the auth token over the URL followed by every
   * POST parameter's name and value, sorted by name, in Base64.
   */
  static String signature(String url, Map<String, String> params, String authToken) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every JVM", e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
