package outpost.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Logging in and out, and the search page in Chromium against a real Outpost: totals and
 * highlights, zooming by dragging across the histogram, facet include/exclude, and the event page
 * with its context. What the page shows is checked against the JSON API for the state in the URL.
 */
class SearchBrowserTest {
  @TempDir static Path dataDir;
  private static UiServer server;
  private static Chromium browser;

  @RegisterExtension
  static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> browser);

  private static final String SEARCH_TOKEN = UiServer.token("srch");
  private static final String CONTEXT_TOKEN = UiServer.token("ctx");
  private static final String ANCHOR_TOKEN = UiServer.token("anchor");
  private static final int SEARCH_MESSAGES = 30;

  @BeforeAll
  static void start() throws IOException {
    server = UiServer.start(dataDir);
    browser = new Chromium(SearchBrowserTest.class);
    sendMessages();
    server.awaitSearchable(SEARCH_TOKEN, SEARCH_MESSAGES);
    server.awaitSearchable(CONTEXT_TOKEN, 12);
  }

  /**
   * 30 messages one every 90 seconds from 1 to 44.5 minutes ago (so a slow run still finds all of
   * them in the last hour), two in three from alpha-web and one in three from beta-db, apps api and
   * worker alternating; and 9 numbered lines from ctx-node one second apart, interleaved with 3
   * lines from other-node.
   */
  private static void sendMessages() throws IOException {
    Instant now = Instant.now();
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < SEARCH_MESSAGES; i++) {
      String host = i % 3 == 0 ? "beta-db" : "alpha-web";
      String app = i % 2 == 0 ? "api" : "worker";
      Instant time = now.minusSeconds(60 + 90L * i);
      messages.add(
          SyslogTcp.rfc5424(
              time,
              SyslogTcp.LOCAL0_INFO,
              host,
              app,
              "request handled " + SEARCH_TOKEN + " n" + i));
    }
    Instant start = now.minus(Duration.ofMinutes(10));
    for (int i = 1; i <= 9; i++) {
      String text = "ctx step-0" + i + " " + CONTEXT_TOKEN + (i == 5 ? " " + ANCHOR_TOKEN : "");
      Instant time = start.plusSeconds(i);
      messages.add(SyslogTcp.rfc5424(time, SyslogTcp.LOCAL0_INFO, "ctx-node", "svc", text));
      if (i % 3 == 0) {
        String intruder = "ctx intruder " + CONTEXT_TOKEN;
        messages.add(SyslogTcp.rfc5424(time, SyslogTcp.LOCAL0_INFO, "other-node", "svc", intruder));
      }
    }
    try (SyslogTcp syslog = new SyslogTcp(server.tcpPort())) {
      syslog.send(messages.toArray(String[]::new));
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

  @AfterEach
  void reportCspViolations() {
    System.out.println("CSP violations on " + url() + ": " + PageProbe.cspViolations(browser));
  }

  @Test
  void wrongPasswordShowsAnErrorRightOneLandsOnOverviewLogoutEndsTheSession() {
    browser.driver().manage().deleteAllCookies();
    UiLogin.submit(browser, server, UiServer.ADMIN_USER, "not-the-password");
    WebElement error = browser.visible(By.id("login-error"));
    browser.waiting().until(d -> !error.getText().isBlank());
    assertThat(url()).startsWith(server.url("/login"));
    browser.screenshot("login-error");

    UiLogin.submit(browser, server, UiServer.ADMIN_USER, UiServer.ADMIN_PASSWORD);
    UiLogin.awaitOverview(browser, server);
    browser.screenshot("overview");

    browser.visible(By.id("logout")).click();
    browser.waiting().until(d -> url().startsWith(server.url("/login")));
    browser.open(server.url("/search?q=" + SEARCH_TOKEN + "&range=1h"));
    browser.waiting().until(d -> url().startsWith(server.url("/login?next=")));

    browser.visible(By.id("login-user")).sendKeys(UiServer.ADMIN_USER);
    browser.visible(By.id("login-password")).sendKeys(UiServer.ADMIN_PASSWORD);
    browser.visible(By.id("login-submit")).click();
    browser.waiting().until(ExpectedConditions.urlContains("/search?"));
    assertThat(PageProbe.urlParameters(browser)).containsEntry("q", SEARCH_TOKEN);
  }

  @Test
  void searchHighlightsZoomsAndFiltersByFacets() {
    UiLogin.ensureLoggedIn(browser, server);
    browser.open(server.url("/search?q=" + SEARCH_TOKEN + "&range=1h"));
    awaitTotal(SEARCH_MESSAGES);
    assertThat(browser.driver().findElements(By.cssSelector("#results tr.hit[data-id]")))
        .hasSize(SEARCH_MESSAGES);
    List<String> marks = browser.texts("#results tr.hit mark");
    assertThat(marks).hasSizeGreaterThanOrEqualTo(SEARCH_MESSAGES);
    assertThat(marks).allSatisfy(m -> assertThat(m).isEqualToIgnoringCase(SEARCH_TOKEN));
    browser.screenshot("search");

    long zoomed = zoomIntoTheMiddleOfTheHistogram();
    browser.screenshot("search-zoomed");

    clickFacet("host", "beta-db", "include");
    long included = awaitTotalMatchesApiFor(q -> q.contains("beta-db"));
    assertThat(included).isPositive().isLessThan(zoomed);
    assertThat(apiTotal("(" + query() + ") AND NOT host:\"beta-db\"")).isZero();
    browser.screenshot("search-facet-include");

    clickFacet("app", "worker", "exclude");
    long excluded = awaitTotalMatchesApiFor(q -> q.contains("worker"));
    assertThat(excluded).isPositive().isLessThan(included);
    assertThat(apiTotal("(" + query() + ") AND app:worker")).isZero();
    assertThat(apiTotal("(" + query() + ") AND NOT host:\"beta-db\"")).isZero();
    browser.screenshot("search-facet-exclude");
  }

  /** Drags from 20 % to 60 % of the histogram's width; returns the zoomed total. */
  private long zoomIntoTheMiddleOfTheHistogram() {
    WebElement histogram = browser.visible(By.cssSelector("svg#histogram"));
    browser.waiting().until(d -> !histogram.findElements(By.cssSelector("rect.bar")).isEmpty());
    int width = histogram.getSize().getWidth();
    int step = width / 10;
    // offsets are from the element's centre
    new Actions(browser.driver())
        .moveToElement(histogram, -3 * step, 0)
        .clickAndHold()
        .moveByOffset(step, 0)
        .moveByOffset(step, 0)
        .moveByOffset(step, 0)
        .moveByOffset(step, 0)
        .release()
        .perform();
    browser.waiting().until(d -> PageProbe.urlParameters(browser).containsKey("from"));
    Map<String, String> state = PageProbe.urlParameters(browser);
    Instant from = UrlTime.parse(state.get("from"));
    Instant to = UrlTime.parse(state.get("to"));
    Instant now = Instant.now();
    assertThat(from).as("zoomed from").isAfter(now.minus(Duration.ofMinutes(61)));
    assertThat(to).as("zoomed to").isBefore(now.plus(Duration.ofMinutes(1))).isAfter(from);
    assertThat(Duration.between(from, to)).as("zoomed span").isLessThan(Duration.ofMinutes(45));
    long total = awaitTotalMatchesApiFor(q -> q.equals(SEARCH_TOKEN));
    assertThat(total).as("hits in the zoomed range").isPositive().isLessThan(SEARCH_MESSAGES);
    return total;
  }

  @Test
  void eventPageShowsTheContextFromTheSameHostInOrder() {
    UiLogin.ensureLoggedIn(browser, server);
    browser.open(server.url("/search?q=" + ANCHOR_TOKEN + "&range=1h"));
    awaitTotal(1);
    browser.visible(By.cssSelector("#results tr.hit a.open")).click();
    browser.waiting().until(ExpectedConditions.urlContains("/event?"));
    WebElement anchor = browser.visible(By.cssSelector("#context tr.ctx-line.anchor"));
    assertThat(anchor.getText()).contains("step-05");
    List<String> lines = browser.texts("#context tr.ctx-line");
    assertThat(lines).noneMatch(line -> line.contains("intruder"));
    List<String> steps =
        lines.stream().filter(l -> l.contains("step-0")).map(l -> step(l)).toList();
    assertThat(steps)
        .containsExactly(
            "step-01", "step-02", "step-03", "step-04", "step-05", "step-06", "step-07", "step-08",
            "step-09");
    assertThat(browser.driver().findElements(By.cssSelector("#detail tr[data-field]")))
        .isNotEmpty();
    assertThat(browser.visible(By.cssSelector("pre#raw")).getText()).contains(ANCHOR_TOKEN);
    browser.screenshot("event");
  }

  @Test
  void searchPageFitsAPhone() {
    UiLogin.ensureLoggedIn(browser, server);
    browser.resize(Chromium.PHONE);
    try {
      browser.open(server.url("/search?q=" + SEARCH_TOKEN + "&range=1h"));
      awaitTotal(SEARCH_MESSAGES);
      assertThat(browser.visible(By.id("q")).isDisplayed()).isTrue();
      browser.screenshot("search-phone");
    } finally {
      browser.resize(Chromium.DESKTOP);
    }
  }

  private static String step(String line) {
    int at = line.indexOf("step-0");
    return line.substring(at, at + "step-0X".length());
  }

  private void clickFacet(String field, String value, String button) {
    By by =
        By.cssSelector(
            "#facets .facet[data-field='%s'] .facet-value[data-value='%s'] button.%s"
                .formatted(field, value, button));
    browser.waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /** Waits until {@code #total} shows {@code expected}. */
  private void awaitTotal(long expected) {
    browser.waiting().until(d -> shownTotal() == expected);
  }

  /**
   * Waits until the URL's query satisfies {@code query} and {@code #total} equals what the API
   * answers for the URL's q/from/to; returns that total.
   */
  private long awaitTotalMatchesApiFor(Predicate<String> query) {
    browser
        .waiting()
        .until(d -> query.test(query()) && shownTotal() == apiTotal(query()) && shownTotal() >= 0);
    return shownTotal();
  }

  private long apiTotal(String q) {
    Map<String, String> state = PageProbe.urlParameters(browser);
    Instant now = Instant.now();
    String from = state.getOrDefault("from", now.minus(Duration.ofHours(1)).toString());
    String to = state.getOrDefault("to", now.toString());
    return server.api().total(q, from, to);
  }

  private String query() {
    return PageProbe.urlParameters(browser).getOrDefault("q", "");
  }

  private long shownTotal() {
    String digits = browser.driver().findElement(By.id("total")).getText().replaceAll("\\D", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  private static String url() {
    return browser.driver().getCurrentUrl();
  }
}
