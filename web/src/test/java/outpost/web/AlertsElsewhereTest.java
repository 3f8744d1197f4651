package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.AlertsElsewhere;

/**
 * A node that does not run the alerts ({@code alerts.scheduler: false}): its alert pages and API
 * say which node does instead of showing an empty board.
 */
class AlertsElsewhereTest {
  private static final String NODE = "https://alerts.example.net:8443";

  @TempDir Path dataDir;
  private TestServer web;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir, new AlertsElsewhere(URI.create(NODE + "/")));
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Test
  void checksApiIs409WithTheUrlOfTheAlertsNode() {
    for (String path : List.of("/api/checks", "/api/checks/7", "/api/notifications")) {
      HttpResponse<String> response = web.getAsAdmin(path);

      assertThat(response.statusCode()).as(path).isEqualTo(409);
      JsonNode body = json(response);
      assertThat(body.get("error").asText()).as(path).isEqualTo("alerts_elsewhere");
      assertThat(body.get("alerts_url").asText()).as(path).isEqualTo(NODE + "/");
      assertThat(body.get("message").asText()).as(path).contains("alerts run on node " + NODE);
    }
  }

  @Test
  void changesAreRefusedWithTheSameAnswer() {
    HttpResponse<String> ack = web.sendAsAdmin("POST", "/api/checks/7/ack", "{}");
    HttpResponse<String> passive =
        web.sendAsAdmin("POST", "/api/checks/passive", "{\"host\":\"web-1\",\"status\":0}");
    HttpResponse<String> downtime = web.sendAsAdmin("DELETE", "/api/downtimes/3", null);

    for (HttpResponse<String> r : List.of(ack, passive, downtime)) {
      assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(409);
      assertThat(json(r).get("alerts_url").asText()).isEqualTo(NODE + "/");
    }
  }

  @Test
  void checksPagesLinkToTheSamePageOnTheAlertsNode() {
    HttpResponse<String> board = web.getAsAdmin("/checks?state=critical&host=web-%2A");
    HttpResponse<String> check = web.getAsAdmin("/check?id=12");
    HttpResponse<String> notifications = web.getAsAdmin("/notifications");

    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.body())
        .contains("Alerts run on another node")
        .contains("href=\"" + NODE + "/checks?state=critical&amp;host=web-%2A\"")
        .contains(">" + NODE + "</a>")
        .contains("<nav id=\"nav\"")
        .doesNotContain("id=\"board\"", "{{");
    assertThat(check.body()).contains("href=\"" + NODE + "/check?id=12\"");
    assertThat(notifications.body()).contains("href=\"" + NODE + "/notifications\"");
  }

  @Test
  void aHostileQueryCannotLeaveTheLinkAttribute() {
    HttpResponse<String> page = web.getAsAdmin("/checks?q=%22%3E%3Cscript%3Ex%3C/script%3E");

    assertThat(page.body())
        .doesNotContain("\"><script>")
        .contains("/checks?q=%22%3E%3Cscript%3Ex%3C/script%3E\"");
  }

  @Test
  void otherPagesAreServedAsUsual() {
    HttpResponse<String> hosts = web.getAsAdmin("/hosts");

    assertThat(hosts.body()).contains("/js/hosts.js\"").doesNotContain("Alerts run on");
  }

  @Test
  void overviewSaysWhereTheChecksRun() {
    HttpResponse<String> response = web.getAsAdmin("/api/overview");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode checks = json(response).get("checks");
    assertThat(checks.get("alerts_url").asText()).isEqualTo(NODE + "/");
    assertThat(checks.has("critical")).isFalse();
  }
}
