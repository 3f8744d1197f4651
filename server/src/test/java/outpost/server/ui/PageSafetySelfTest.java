package outpost.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Proves that the XSS checks of {@link PageSafety} can fail: a page that renders the hostile
 * payloads with {@code innerHTML} (served with Outpost's CSP, which blocks the handlers) is caught
 * by the DOM scan and the CSP report, and a page without that CSP is caught by {@code
 * window.__xss}; the same payloads rendered with {@code textContent} pass. Uses the JDK's HTTP
 * server, no Outpost.
 */
class PageSafetySelfTest {
  private static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'";
  private static final String PAGE =
      "<!doctype html><html><body><div id=out></div><script src=/render.js?%s></script>"
          + "</body></html>";

  private static HttpServer http;
  private static Chromium browser;

  @BeforeAll
  static void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", PageSafetySelfTest::serve);
    http.start();
    browser = new Chromium(PageSafetySelfTest.class);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      http.stop(0);
    }
  }

  /**
   * /{csp,open}/{text,html}: with or without the CSP header, rendering the payloads as text or as
   * markup; /render.js?{text,html} is the script that does it.
   */
  private static void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String mode = exchange.getRequestURI().getQuery();
    String body;
    if (path.equals("/render.js")) {
      exchange.getResponseHeaders().add("Content-Type", "text/javascript");
      String payloads = String.join(" ", HostileLogLines.PAYLOADS).replace("'", "\\'");
      String property = "html".equals(mode) ? "innerHTML" : "textContent";
      body = "document.getElementById('out')." + property + " = '" + payloads + "';";
    } else {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      if (path.startsWith("/csp/")) {
        exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
      }
      body = PAGE.formatted(path.endsWith("/html") ? "html" : "text");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void open(String path) {
    browser.open("http://127.0.0.1:" + http.getAddress().getPort() + path);
    browser
        .waiting()
        .until(
            d ->
                !d.findElements(By.cssSelector("#out *")).isEmpty()
                    || !d.findElement(By.id("out")).getText().isEmpty());
  }

  @Test
  void payloadsRenderedAsTextPass() {
    open("/csp/text");
    PageSafety.assertSafe(browser, "text page", By.id("out"), HostileLogLines.PAYLOADS);
  }

  @Test
  void markupBlockedByTheCspIsStillCaught() {
    open("/csp/html");
    assertThat(PageProbe.xssMarker(browser))
        .as("the CSP blocked the handlers")
        .isEqualTo("undefined");
    browser.waiting().until(d -> !PageProbe.cspViolations(browser).isEmpty());
    assertThatThrownBy(() -> PageSafety.assertSafe(browser, "html page", By.id("out"), List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("onerror")
        .hasMessageContaining("script-src");
  }

  @Test
  void markupThatRunsIsCaught() {
    open("/open/html");
    browser.waiting().until(d -> !"undefined".equals(PageProbe.xssMarker(browser)));
    assertThatThrownBy(() -> PageSafety.assertSafe(browser, "open page", By.id("out"), List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("window.__xss");
  }
}
