package outpost.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a browser test fails, saves what the browser showed: {@code <Class>-<method>-failed.png}
 * under {@code target/screenshots} and the page's HTML, URL and CSP violations under {@code
 * target/browser-logs}. Register it as a static {@code @RegisterExtension} field with the class's
 * browser. Stateless apart from that supplier.
 */
final class ScreenshotOnFailure implements TestWatcher {
  private final Supplier<Chromium> browser;

  ScreenshotOnFailure(Supplier<Chromium> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Chromium chromium = browser.get();
    if (chromium == null) {
      return;
    }
    String name = context.getRequiredTestMethod().getName() + "-failed";
    try {
      Path png = chromium.screenshot(name);
      String page =
          "URL: "
              + chromium.driver().getCurrentUrl()
              + "\nCSP violations: "
              + PageProbe.cspViolations(chromium)
              + "\n\n"
              + chromium.driver().getPageSource();
      Path logs = Files.createDirectories(Screenshots.buildDir().resolve("browser-logs"));
      Path html =
          logs.resolve(context.getRequiredTestClass().getSimpleName() + "-" + name + ".html");
      Files.writeString(html, page, StandardCharsets.UTF_8);
      System.out.println("failure evidence: " + png + ", " + html);
    } catch (IOException e) {
      throw new UncheckedIOException("saving the failure evidence of " + name, e);
    } catch (RuntimeException | AssertionError e) {
      // the browser may be what failed; the test's own error is the one to report
      cause.addSuppressed(e);
    }
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    testFailed(context, cause);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
