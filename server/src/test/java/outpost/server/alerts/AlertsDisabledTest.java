package outpost.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.Outpost;
import outpost.server.OutpostConfig;

/**
 * With {@code alerts.enabled: false} Outpost runs without the engine: no {@code alerts.db}, an
 * empty board, {@code /health} says alerts are off, and what would change alert state is refused
 * with a clear message.
 */
class AlertsDisabledTest {
  private static final String PASSWORD = "disabled-alerts-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void serverRunsWithoutAlertsAndSaysSo() throws Exception {
    Path data = dir.resolve("data");
    OutpostConfig config =
        OutpostConfig.load(
            null,
            Map.of(
                "OUTPOST_DATA_DIR", data.toString(),
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_UDP_PORT", "0",
                "OUTPOST_SYSLOG_TCP_PORT", "0",
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_ADMIN_PASSWORD", PASSWORD,
                "OUTPOST_ALERTS_ENABLED", "false"));
    try (Outpost outpost = Outpost.start(config);
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + outpost.webPort();
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode alerts = JSON.readTree(health.body()).get("components").get("alerts");
      assertThat(alerts.get("status").asText()).isEqualTo("up");
      assertThat(alerts.get("details").get("enabled").asBoolean()).isFalse();

      HttpResponse<String> board =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/checks"))
                  .header("Authorization", auth)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(board.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(board.body()).get("checks")).isEmpty();

      HttpResponse<String> passive =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/checks/passive"))
                  .header("Authorization", auth)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"host\":\"db-1\",\"service\":\"backup\",\"status\":0}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(passive.statusCode()).isEqualTo(400);
      assertThat(passive.body()).contains("alerts are disabled");
    }
    assertThat(Files.list(data).map(p -> p.getFileName().toString()))
        .noneMatch(name -> name.startsWith("alerts"));
  }
}
