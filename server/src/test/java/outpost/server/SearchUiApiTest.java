package outpost.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search UI's API on the whole server: syslog sent over TCP is seen in the live tail (SSE),
 * with its neighbours in the event context, its host in the host list, on the overview, and as an
 * access-log line on the dashboard.
 */
class SearchUiApiTest {
  @TempDir static Path dataDir;
  private static RunningOutpost outpost;

  @BeforeAll
  static void startOutpost() {
    outpost = RunningOutpost.start(dataDir);
  }

  @AfterAll
  static void stopOutpost() {
    if (outpost != null) {
      outpost.close();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> response =
        outpost.api().get("http://127.0.0.1:" + outpost.webPort() + pathAndQuery, true);
    assertThat(response.statusCode())
        .as("GET %s: %s", pathAndQuery, response.body())
        .isEqualTo(200);
    return ApiClient.parse(response.body());
  }

  private static void send(String... frames) throws IOException {
    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), true)) {
      for (String frame : frames) {
        sender.send(frame);
      }
    }
  }

  /** local0.err from {@code host}. */
  private static String error(String host, String app, String message) {
    return "<131>1 " + Instant.now() + " " + host + " " + app + " - - - " + message;
  }

  @Test
  void liveTailDeliversAnAcceptedMessage() throws Exception {
    String token = RunningOutpost.token();
    HttpClient client = HttpClient.newHttpClient();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + outpost.webPort() + "/api/tail?q=" + token))
              .header("Accept", "text/event-stream")
              .header("Authorization", adminAuthorization())
              .build();
      HttpResponse<Stream<String>> response =
          client.send(request, HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      BlockingQueue<String> data = new LinkedBlockingQueue<>();
      Thread.ofVirtual()
          .start(
              () -> {
                Iterator<String> lines = response.body().iterator();
                String event = "";
                while (lines.hasNext()) {
                  String line = lines.next();
                  if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                  } else if (line.startsWith("data:") && event.equals("hits")) {
                    data.add(line.substring(5).strip());
                  }
                }
              });
      // the subscription exists before the response headers are sent
      send(SyslogSender.rfc5424("tail-host", "app", "tailed " + token));

      String hits = data.poll(10, SECONDS);

      assertThat(hits).as("a hits event").isNotNull();
      JsonNode hit = ApiClient.parse(hits).get("hits").get(0);
      assertThat(hit.get("message").asText()).isEqualTo("tailed " + token);
      assertThat(hit.get("host").asText()).isEqualTo("tail-host");
      assertThat(hit.get("highlight").get("message").get(0).get(0).asInt()).isEqualTo(7);
    } finally {
      client.shutdownNow();
    }
  }

  @Test
  void contextHostsAndOverviewSeeSentMessages() throws Exception {
    String token = RunningOutpost.token();
    String host = "ctx-" + token.substring(3, 11);
    send(
        SyslogSender.rfc5424(host, "app", "first " + token),
        error(host, "app", "anchor " + token),
        SyslogSender.rfc5424(host, "app", "third " + token));
    JsonNode anchor = outpost.awaitOnlyHit("anchor AND " + token, () -> "sent three to " + host);
    await()
        .atMost(RunningOutpost.SEARCHABLE_WITHIN_SECONDS, SECONDS)
        .until(() -> outpost.api().total(token) == 3);

    JsonNode context =
        getJson(
            "/api/events/"
                + anchor.get("id").asText()
                + "?t="
                + enc(anchor.get("timestamp").asText())
                + "&before=5&after=5");

    assertThat(context.get("anchor").get("message").asText()).isEqualTo("anchor " + token);
    assertThat(context.get("before")).hasSize(1);
    assertThat(context.get("before").get(0).get("message").asText()).isEqualTo("first " + token);
    assertThat(context.get("after")).hasSize(1);
    assertThat(context.get("after").get(0).get("message").asText()).isEqualTo("third " + token);

    JsonNode hosts = getJson("/api/hosts").get("hosts");
    JsonNode mine = null;
    for (JsonNode h : hosts) {
      if (h.get("name").asText().equals(host)) {
        mine = h;
      }
    }
    assertThat(mine).as("%s in %s", host, hosts).isNotNull();
    assertThat(mine.get("messages").asLong()).isEqualTo(3);
    assertThat(mine.get("silent").asBoolean()).isFalse();
    assertThat(mine.get("per_minute")).hasSize(60);

    JsonNode overview = getJson("/api/overview");
    assertThat(overview.get("errors").get("last_hour").asLong()).isPositive();
    assertThat(overview.get("newest_errors").toString()).contains("anchor " + token);
    assertThat(overview.get("per_minute").get("buckets")).hasSize(60);
    assertThat(overview.get("hosts").get("total").asLong()).isPositive();
  }

  @Test
  void dashboardSummarisesAnAccessLogLine() throws Exception {
    String token = RunningOutpost.token();
    String line =
        "203.0.113.7 - %s [%s] \"GET /shop/%s HTTP/1.1\" 503 512 \"-\" \"curl/8.5\""
            .formatted(
                token,
                DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                    .format(ZonedDateTime.now()),
                token);
    send("<190>1 " + Instant.now() + " shop-1 apache - - - " + line);
    outpost.awaitOnlyHit("status:503 AND " + token, () -> "sent: " + line);

    JsonNode dashboard = getJson("/api/dashboard?q=" + token + "&from=now-1h&to=now%2B1h");

    assertThat(dashboard.get("requests").asLong()).isEqualTo(1);
    long fiveHundreds = 0;
    for (JsonNode n : dashboard.get("status_classes").get("5xx")) {
      fiveHundreds += n.asLong();
    }
    assertThat(fiveHundreds).isEqualTo(1);
    assertThat(dashboard.get("bytes").get("sum").asLong()).isEqualTo(512);
    assertThat(dashboard.get("top_error_paths").get(0).get("value").asText())
        .isEqualTo("/shop/" + token);
    assertThat(dashboard.get("top_clients").get(0).get("value").asText()).isEqualTo("203.0.113.7");
    assertThat(dashboard.get("top_hosts").get(0).get("value").asText()).isEqualTo("shop-1");

    JsonNode fields = getJson("/api/fields?from=now-1h");
    assertThat(fields.get("fields").toString()).contains("\"status\"");
  }

  private static String adminAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
