package outpost.server.ui;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static outpost.server.ui.HostileLogLines.IMG_HOST;
import static outpost.server.ui.HostileLogLines.PAYLOADS;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import outpost.alerts.notify.twilio.FakeTwilioServer;

/**
 * The check board, check detail and notification log in Chromium against the whole server: passive
 * results posted through the API make one check CRITICAL (with perfdata), one WARNING and one OK,
 * each output carrying the hostile payloads of {@link HostileLogLines}, and the CRITICAL one texts
 * the on-call contact through the fake Twilio. Hostile host names come from syslog (every logging
 * host gets a freshness check). Every page must show them as text and run none of them; the detail
 * page's buttons acknowledge and remove the acknowledgement; the board works at 390 px.
 */
class ChecksBrowserTest {
  private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  private static final String AUTH_TOKEN = "browser-test-twilio-token";
  private static final String ONCALL = "+447700900456";
  private static final String HOSTILE = String.join(" ", PAYLOADS);

  @TempDir static Path dataDir;
  private static FakeTwilioServer twilio;
  private static UiServer server;
  private static Chromium browser;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws IOException {
    twilio = FakeTwilioServer.start(ACCOUNT_SID, AUTH_TOKEN);
    Path checks =
        Files.writeString(
            dataDir.resolve("checks.yml"),
            String.join(
                "\n",
                "defaults:",
                "  max_check_attempts: 1",
                "contacts:",
                "  - name: oncall",
                "    phone: \"" + ONCALL + "\"",
                "notify:",
                "  contacts: [oncall]",
                ""));
    server =
        UiServer.start(
            dataDir.resolve("data"),
            Map.of(
                "OUTPOST_ALERTS_CHECKS_FILE",
                checks.toString(),
                "OUTPOST_ALERTS_GROUPING_WINDOW",
                "500ms",
                "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID",
                ACCOUNT_SID,
                "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN",
                AUTH_TOKEN,
                "OUTPOST_ALERTS_TWILIO_FROM",
                "+15005550006",
                "OUTPOST_ALERTS_TWILIO_API_BASE",
                twilio.baseUri().toString()));
    browser = new Chromium(ChecksBrowserTest.class);
    try (SyslogTcp syslog = new SyslogTcp(server.tcpPort())) {
      syslog.send(
          HostileLogLines.messages(Instant.now(), UiServer.token("xss")).toArray(String[]::new));
    }
    for (int age : List.of(4000, 5200, 6100, 7900)) {
      passive("web-1", "backup", 2, "backup failed " + HOSTILE + " | age=" + age + "s;3600;7200;0");
    }
    passive("web-1", "queue", 1, "queue slow " + HOSTILE + " | depth=120;100;500");
    passive("web-2", "queue", 0, "queue fine | depth=3;100;500");
    await("the CRITICAL check texts the contact")
        .atMost(30, SECONDS)
        .pollInterval(100, MILLISECONDS)
        .until(() -> !twilio.messages().isEmpty());
    await("checks for the hostile hosts from the logs")
        .atMost(30, SECONDS)
        .pollInterval(250, MILLISECONDS)
        .until(() -> server.api().get("/api/checks?host=*onerror*").get("checks").size() > 0);
  }

  /** Posts a passive result as a script would, with the admin's Basic credentials. */
  private static void passive(String host, String service, int status, String output) {
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("host", host)
            .put("service", service)
            .put("status", status)
            .put("output", output)
            .toString();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("/api/checks/passive")))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (UiServer.ADMIN_USER + ":" + UiServer.ADMIN_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        if (twilio != null) {
          twilio.close();
        }
      }
    }
  }

  @BeforeEach
  void logIn() {
    UiLogin.ensureLoggedIn(browser, server);
    browser.resize(Chromium.DESKTOP);
  }

  private static String id(String host, String service) {
    for (JsonNode c : server.api().get("/api/checks?host=" + host).get("checks")) {
      if (c.get("service").asText().equals(service)) {
        return c.get("id").asText();
      }
    }
    throw new AssertionError("no check " + host + "/" + service);
  }

  @Test
  void boardGroupsChecksWorstFirstShowsHostileOutputAsTextAndKeepsFiltersInTheUrl() {
    browser.open(server.url("/checks"));
    browser.visible(By.cssSelector("section.state-group[data-state=critical] tr.check"));
    List<String> groups =
        browser.texts("#board section.state-group").stream().map(t -> t.split("\\s")[0]).toList();
    assertThat(groups.indexOf("CRITICAL")).isLessThan(groups.indexOf("WARNING"));
    assertThat(groups.indexOf("WARNING")).isLessThan(groups.indexOf("OK"));
    String backup = id("web-1", "backup");
    WebElement row = browser.visible(By.cssSelector("tr.check[data-id='" + backup + "']"));
    assertThat(row.getAttribute("data-status")).isEqualTo("critical");
    PageSafety.assertSafe(browser, "check board", By.id("board"), PAYLOADS);
    PageSafety.assertSafe(browser, "check board hosts", By.id("board"), List.of(IMG_HOST));
    browser.screenshot("board");

    browser.visible(By.id("check-search")).sendKeys("queue");
    browser.waiting().until(ExpectedConditions.urlContains("q=queue"));
    browser
        .waiting()
        .until(
            d ->
                d.findElements(By.cssSelector("tr.check")).size() == 2
                    && d.findElements(By.cssSelector("tr.check[data-id='" + backup + "']"))
                        .isEmpty());

    browser.open(server.url("/checks?state=problems&host=web-*"));
    browser.waiting().until(d -> d.findElements(By.cssSelector("tr.check")).size() == 2);
    assertThat(browser.visible(By.id("check-state")).getAttribute("value")).isEqualTo("problems");
    assertThat(browser.texts("tr.check td.status-cell")).containsExactly("CRITICAL", "WARNING");
  }

  @Test
  void boardAndDetailFitAPhoneScreen() {
    browser.resize(Chromium.PHONE);
    browser.open(server.url("/checks?state=problems"));
    browser.visible(By.cssSelector("tr.check"));
    assertThat(pageOverflow()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0L);
    browser.screenshot("board-phone");
    browser.open(server.url("/check?id=" + id("web-1", "backup")));
    browser.visible(By.cssSelector("#perf-graph polyline.perf-line"));
    assertThat(pageOverflow()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0L);
    browser.screenshot("detail-phone");
  }

  private static long pageOverflow() {
    return ((Number)
            browser.script(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;"))
        .longValue();
  }

  @Test
  void detailShowsHistoryPerfGraphAndAcknowledgesWithTheButtons() {
    String backup = id("web-1", "backup");
    browser.open(server.url("/check?id=" + backup));
    browser.waiting().until(d -> d.findElement(By.id("check-title")).getText().contains("backup"));
    WebElement line = browser.visible(By.cssSelector("#perf-graph polyline.perf-line"));
    assertThat(line.getAttribute("points").trim().split(" ")).hasSize(4);
    assertThat(browser.driver().findElements(By.cssSelector("#perf-graph line.threshold")))
        .hasSize(2);
    browser.visible(By.cssSelector("#history li.history-event[data-kind=STATE]"));
    browser.visible(By.cssSelector("#check-notifications tr.notification"));
    PageSafety.assertSafe(browser, "check detail", By.id("check-output"), PAYLOADS);
    PageSafety.assertSafe(browser, "check history", By.id("history"), PAYLOADS);
    browser.screenshot("detail");

    browser.visible(By.id("ack-comment")).sendKeys("looking at it <b>now</b>");
    browser.visible(By.id("ack-sticky")).click();
    browser.visible(By.id("ack-btn")).click();
    browser.visible(By.cssSelector("#check-badges .ack-badge"));
    browser.visible(By.id("unack-btn"));
    assertThat(browser.driver().findElement(By.id("ack-form")).isDisplayed()).isFalse();
    JsonNode ack = server.api().get("/api/checks/" + backup).get("check").get("acknowledgement");
    assertThat(ack.get("author").asText()).isEqualTo(UiServer.ADMIN_USER);
    assertThat(ack.get("comment").asText()).isEqualTo("looking at it <b>now</b>");
    assertThat(ack.get("sticky").asBoolean()).isTrue();
    assertThat(browser.visibleText(By.id("check-facts"))).contains("looking at it <b>now</b>");
    browser.screenshot("detail-acknowledged");

    browser.visible(By.id("unack-btn")).click();
    browser.visible(By.id("ack-btn"));
    assertThat(
            server.api().get("/api/checks/" + backup).get("check").get("acknowledgement").isNull())
        .isTrue();

    browser.visible(By.id("recheck-btn")).click();
    browser
        .waiting()
        .until(d -> d.findElement(By.id("action-status")).getText().contains("re-check"));
  }

  @Test
  void detailSchedulesAndCancelsDowntime() {
    String queue = id("web-1", "queue");
    browser.open(server.url("/check?id=" + queue));
    browser.visible(By.id("downtime-btn")).click();
    browser.visible(By.cssSelector("#downtimes li.downtime"));
    JsonNode downtimes = server.api().get("/api/downtimes").get("downtimes");
    assertThat(downtimes).hasSize(1);
    assertThat(downtimes.get(0).get("service").asText()).isEqualTo("queue");
    browser.visible(By.cssSelector("#downtimes button.cancel-downtime")).click();
    browser
        .waiting()
        .until(d -> d.findElements(By.cssSelector("#downtimes li.downtime")).isEmpty());
    assertThat(server.api().get("/api/downtimes").get("downtimes")).isEmpty();
  }

  @Test
  void notificationLogShowsTheSentSmsAsText() {
    browser.open(server.url("/notifications"));
    browser.visible(By.cssSelector("#notifications tr.notification[data-state=sent]"));
    assertThat(browser.visibleText(By.id("notifications"))).contains("oncall").contains("sms");
    PageSafety.assertSafe(browser, "notification log", By.id("notifications"), List.of("backup"));
    browser.screenshot("notifications");
    browser.visible(By.id("notification-state")).sendKeys("failed");
    browser.waiting().until(ExpectedConditions.urlContains("state=failed"));
  }

  @Test
  void overviewShowsCheckCountsAndProblems() {
    browser.open(server.url("/"));
    browser.visible(By.cssSelector("#check-problems li.check-problem"));
    assertThat(Integer.parseInt(browser.visibleText(By.id("checks-critical")))).isPositive();
    PageSafety.assertSafe(browser, "overview checks", By.id("check-problems"), PAYLOADS);
    browser.screenshot("overview-checks");
  }
}
