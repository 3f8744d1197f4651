package outpost.server.ui;

import static outpost.server.ui.HostileLogLines.IMG;
import static outpost.server.ui.HostileLogLines.IMG_HOST;
import static outpost.server.ui.HostileLogLines.JS_URL;
import static outpost.server.ui.HostileLogLines.PAYLOADS;
import static outpost.server.ui.HostileLogLines.SCRIPT_APP;
import static outpost.server.ui.HostileLogLines.SCRIPT_PATH;
import static outpost.server.ui.HostileLogLines.SVG;
import static outpost.server.ui.HostileLogLines.SVG_HOST;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Cross-site scripting: log lines whose host, app, message and access-log fields hold {@code
 * <script>}, {@code "><img onerror>}, {@code <svg onload>} and {@code javascript:} URLs arrive over
 * syslog; every page that shows them (overview, search, event with context, live tail, hosts,
 * dashboard) must show them as text and run none of them. See {@link PageSafety} for the checks.
 */
class HostileFieldsBrowserTest {
  private static final String TOKEN = UiServer.token("xss");

  @TempDir static Path dataDir;
  private static UiServer server;
  private static Chromium browser;

  @RegisterExtension
  static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws IOException {
    server = UiServer.start(dataDir);
    browser = new Chromium(HostileFieldsBrowserTest.class);
    send(TOKEN);
    server.awaitSearchable(TOKEN, 3);
  }

  private static void send(String token) throws IOException {
    try (SyslogTcp syslog = new SyslogTcp(server.tcpPort())) {
      syslog.send(HostileLogLines.messages(Instant.now(), token).toArray(String[]::new));
    }
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

  @Test
  void overviewShowsHostileErrorsAndHostsAsText() {
    browser.open(server.url("/"));
    browser.waiting().until(d -> d.findElement(By.id("newest-errors")).getText().contains(TOKEN));
    browser.waiting().until(d -> d.findElement(By.id("top-hosts")).getText().contains(IMG_HOST));
    PageSafety.assertSafe(browser, "overview", By.id("newest-errors"), PAYLOADS);
    PageSafety.assertSafe(browser, "overview", By.id("top-hosts"), List.of(SVG_HOST, IMG_HOST));
    browser.screenshot("overview");
  }

  @Test
  void searchShowsHostileHitsAndFacetsAsText() {
    browser.open(server.url("/search?range=1h&q=" + TOKEN));
    browser.waiting().until(d -> d.findElements(By.cssSelector("#results tr.hit")).size() == 3);
    browser.visible(By.cssSelector("#facets .facet-value"));
    PageSafety.assertSafe(browser, "search", By.id("results"), PAYLOADS);
    PageSafety.assertSafe(browser, "search", By.id("results"), List.of(SVG_HOST, SCRIPT_APP));
    PageSafety.assertSafe(browser, "search facets", By.id("facets"), List.of(SVG_HOST, IMG_HOST));
    browser.screenshot("search");

    // a hostile facet value goes into the query and back into the page
    browser
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#facets .facet[data-field='host'] .facet-value button.include")))
        .click();
    browser
        .waiting()
        .until(
            d -> {
              int hits = d.findElements(By.cssSelector("#results tr.hit")).size();
              return hits > 0 && hits < 3;
            });
    PageSafety.assertSafe(browser, "search after a facet click", By.id("results"), List.of());
  }

  @Test
  void eventPageShowsHostileAccessFieldsAndContextAsText() {
    browser.open(server.url("/search?range=1h&q=" + TOKEN + "%20AND%20status%3A500"));
    browser.visible(By.cssSelector("#results tr.hit a.open")).click();
    browser.waiting().until(ExpectedConditions.urlContains("/event?"));
    browser.visible(By.cssSelector("#context tr.ctx-line.anchor"));
    PageSafety.assertSafe(
        browser, "event detail", By.id("detail"), List.of(SCRIPT_PATH, JS_URL, IMG, IMG_HOST));
    PageSafety.assertSafe(browser, "event raw", By.id("raw"), List.of(SCRIPT_PATH, IMG_HOST));
    PageSafety.assertSafe(browser, "event context", By.id("context"), List.of(SVG, JS_URL));
    browser.screenshot("event");
  }

  @Test
  void tailShowsHostileLinesArrivingLiveAsText() throws IOException {
    String liveToken = UiServer.token("xsslive");
    browser.open(server.url("/tail?q=" + liveToken));
    browser.visible(By.id("tail-toggle"));
    browser.waiting().until(d -> PageProbe.tailEvents(browser) > 0);
    send(liveToken);
    browser.waiting().until(d -> d.findElements(By.cssSelector("#tail-lines tr.hit")).size() == 3);
    PageSafety.assertSafe(browser, "tail", By.id("tail-lines"), PAYLOADS);
    PageSafety.assertSafe(browser, "tail", By.id("tail-lines"), List.of(SCRIPT_PATH, SVG_HOST));
    browser.screenshot("tail");
  }

  @Test
  void hostsPageShowsHostileHostNamesAsText() {
    browser.open(server.url("/hosts"));
    browser.waiting().until(d -> d.findElements(By.cssSelector("#hosts tr.host")).size() >= 3);
    PageSafety.assertSafe(browser, "hosts", By.id("hosts"), List.of(SVG_HOST, IMG_HOST));
    browser.screenshot("hosts");
  }

  @Test
  void dashboardShowsHostileAccessFieldsAsText() {
    browser.open(server.url("/dashboard?range=1h"));
    browser.waiting().until(d -> d.findElement(By.id("top-paths")).getText().contains(JS_URL));
    PageSafety.assertSafe(
        browser, "dashboard paths", By.id("top-paths"), List.of(SCRIPT_PATH, JS_URL));
    PageSafety.assertSafe(
        browser, "dashboard error paths", By.id("top-error-paths"), List.of(SCRIPT_PATH));
    PageSafety.assertSafe(
        browser, "dashboard referrers", By.id("top-referrers"), List.of(JS_URL, IMG));
    PageSafety.assertSafe(
        browser, "dashboard user agents", By.id("top-user-agents"), List.of(IMG, SVG));
    PageSafety.assertSafe(browser, "dashboard hosts", By.tagName("body"), List.of(IMG_HOST));
    browser.screenshot("dashboard");
  }
}
