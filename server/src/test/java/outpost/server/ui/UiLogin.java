package outpost.server.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Logging in and out through the login page, as a person would. Stateless; the session lives in the
 * browser's cookie jar.
 */
final class UiLogin {
  private UiLogin() {}

  /** Opens {@code /login}, types the credentials and submits. Does not wait for the outcome. */
  static void submit(Chromium browser, UiServer server, String user, String password) {
    browser.open(server.url("/login"));
    fill(browser.visible(By.id("login-user")), user);
    fill(browser.visible(By.id("login-password")), password);
    browser.visible(By.id("login-submit")).click();
  }

  /** Logs in as admin and waits for the overview page that follows. */
  static void asAdmin(Chromium browser, UiServer server) {
    submit(browser, server, UiServer.ADMIN_USER, UiServer.ADMIN_PASSWORD);
    awaitOverview(browser, server);
  }

  /** Waits until the browser shows the overview page ({@code /}) with its navigation. */
  static void awaitOverview(Chromium browser, UiServer server) {
    browser.waiting().until(ExpectedConditions.urlToBe(server.url("/")));
    browser.visible(By.cssSelector("nav#nav a[data-page=overview]"));
  }

  /** Logs in as admin unless the browser's session is still valid. */
  static void ensureLoggedIn(Chromium browser, UiServer server) {
    browser.open(server.url("/"));
    if (browser.driver().getCurrentUrl().startsWith(server.url("/login"))) {
      asAdmin(browser, server);
    }
  }

  private static void fill(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }
}
