package outpost.server.ui;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Proof that hostile log text stayed text on the current page: no injected script ran ({@code
 * window.__xss} undefined, no alert open), the DOM holds no {@code on*} attribute, {@code
 * javascript:} URL or inline script, no CSP {@code script-src} violation was reported, and the
 * payloads are visible literally. Stateless.
 */
final class PageSafety {
  private PageSafety() {}

  /**
   * Asserts all of the above for {@code page} (a name for messages), with {@code container} the
   * element that must show every one of {@code literals} as text; prints the CSP violations.
   */
  static void assertSafe(Chromium browser, String page, By container, List<String> literals) {
    List<String> violations = PageProbe.cspViolations(browser);
    System.out.println("CSP violations on " + page + ": " + violations);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(alertText(browser)).as("alert open on %s", page).isNull();
    soft.assertThat(PageProbe.xssMarker(browser))
        .as("typeof window.__xss on %s", page)
        .isEqualTo("undefined");
    soft.assertThat(PageProbe.hostileDom(browser)).as("injected markup on %s", page).isEmpty();
    soft.assertThat(violations)
        .as("CSP script violations on %s (all violations: %s)", page, violations)
        .noneMatch(v -> v.startsWith("script-src"));
    String text = browser.visibleText(container);
    for (String literal : literals) {
      soft.assertThat(text).as("text of %s on %s", container, page).contains(literal);
    }
    soft.assertAll();
  }

  private static String alertText(Chromium browser) {
    try {
      return browser.driver().switchTo().alert().getText();
    } catch (NoAlertPresentException e) {
      return null;
    }
  }
}
