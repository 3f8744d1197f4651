package outpost.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import outpost.server.peers.LoggerCommand;
import outpost.server.peers.LoggerCommand.Format;
import outpost.server.peers.LoggerCommand.Transport;

/**
 * The live tail (messages sent with util-linux {@code logger} and over TCP appear while the page is
 * open; a paused tail holds them until resumed), the hosts page, the access-log dashboard fed with
 * real Apache lines, and the overview, in Chromium against a real Outpost.
 */
class LivePagesBrowserTest {
  private static final int ACCESS_LINES = 60;
  private static final String WEB_HOST = "www-1";

  @TempDir static Path dataDir;
  private static UiServer server;
  private static Chromium browser;
  private static List<String> accessLines;

  @RegisterExtension
  static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws IOException {
    server = UiServer.start(dataDir);
    browser = new Chromium(LivePagesBrowserTest.class);
    accessLines = AccessLines.firstStampedNow(ACCESS_LINES);
    Instant now = Instant.now();
    try (SyslogTcp syslog = new SyslogTcp(server.tcpPort())) {
      for (int i = 0; i < accessLines.size(); i++) {
        Instant time = now.minusSeconds(ACCESS_LINES - i);
        syslog.send(
            SyslogTcp.rfc5424(time, SyslogTcp.LOCAL0_INFO, WEB_HOST, "apache", accessLines.get(i)));
      }
    }
    server.awaitSearchable("status:[100 TO 599] AND host:\"" + WEB_HOST + "\"", ACCESS_LINES);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @BeforeEach
  void logIn() {
    UiLogin.ensureLoggedIn(browser, server);
  }

  @AfterEach
  void reportCspViolations() {
    System.out.println(
        "CSP violations on "
            + browser.driver().getCurrentUrl()
            + ": "
            + PageProbe.cspViolations(browser));
  }

  @Test
  void tailShowsMessagesAsTheyArriveAndHoldsThemWhilePaused() throws IOException {
    String token = UiServer.token("tail");
    browser.open(server.url("/tail?q=" + token));
    WebElement toggle = browser.visible(By.id("tail-toggle"));
    // a stats event arrives every second: the stream is subscribed before anything is sent
    browser.waiting().until(d -> PageProbe.tailEvents(browser) > 0);

    new LoggerCommand(Transport.TCP, Format.RFC5424, true, "tailer", "user.notice")
        .send(server.tcpPort(), "first marker " + token);
    browser.waiting().until(d -> tailLinesContaining("first marker") == 1);
    assertThat(browser.visible(By.id("tail-rate")).getText()).isNotBlank();
    browser.screenshot("tail");

    assertThat(toggle.getText()).isEqualToIgnoringCase("Pause");
    toggle.click();
    browser.waiting().until(d -> toggle.getText().equalsIgnoreCase("Resume"));
    long hitsBefore = PageProbe.tailHits(browser);
    try (SyslogTcp syslog = new SyslogTcp(server.tcpPort())) {
      syslog.send(
          SyslogTcp.rfc5424(
              Instant.now(), SyslogTcp.LOCAL0_INFO, WEB_HOST, "tailer", "second marker " + token));
    }
    // the page has the second marker in hand: pausing holds it back, the stream stays open
    browser.waiting().until(d -> PageProbe.tailHits(browser) == hitsBefore + 1);
    await("the paused tail to hold the second marker back")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> tailLinesContaining("second marker") == 0);
    browser.screenshot("tail-paused");

    toggle.click();
    browser.waiting().until(d -> toggle.getText().equalsIgnoreCase("Pause"));
    browser.waiting().until(d -> tailLinesContaining("second marker") == 1);
    assertThat(tailLinesContaining("first marker")).isEqualTo(1);
  }

  private long tailLinesContaining(String text) {
    return browser.texts("#tail-lines tr.hit").stream().filter(line -> line.contains(text)).count();
  }

  @Test
  void hostsPageListsTheSenders() throws IOException {
    String token = UiServer.token("host");
    new LoggerCommand(Transport.TCP, Format.RFC5424, true, "hostcheck", "daemon.info")
        .send(server.tcpPort(), "hello from logger " + token);
    server.awaitSearchable(token, 1);
    String loggerHost = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

    browser.open(server.url("/hosts"));
    for (String host : List.of(loggerHost, WEB_HOST)) {
      WebElement row =
          browser.visible(By.cssSelector("#hosts tr.host[data-host='%s']".formatted(host)));
      assertThat(row.getText()).contains(host);
      assertThat(row.findElements(By.cssSelector("svg.sparkline"))).hasSize(1);
    }
    browser.screenshot("hosts");
  }

  @Test
  void dashboardCountsRequestsAndShowsTheTopPath() {
    Map.Entry<String, Long> top = AccessLines.topPath(accessLines);
    browser.open(server.url("/dashboard?range=1h"));
    browser.waiting().until(d -> digits(By.id("requests")).equals(String.valueOf(ACCESS_LINES)));
    browser.visible(By.cssSelector("svg#status-chart"));
    WebElement first =
        browser.visible(
            By.cssSelector("#top-paths tr:has(td), #top-paths li, #top-paths .top-value"));
    assertThat(first.getText()).contains(top.getKey()).contains(String.valueOf(top.getValue()));
    assertThat(browser.visible(By.id("bytes")).getText()).isNotBlank();
    assertThat(browser.visible(By.id("top-clients")).getText()).contains("83.149.9.216");
    browser.screenshot("dashboard");
  }

  @Test
  void overviewShowsTheBusiestHost() {
    browser.open(server.url("/"));
    browser.visible(By.cssSelector("svg#overview-rate"));
    browser.waiting().until(d -> d.findElement(By.id("top-hosts")).getText().contains(WEB_HOST));
    browser.screenshot("overview");
  }

  private String digits(By by) {
    return browser.driver().findElement(by).getText().replaceAll("\\D", "");
  }
}
