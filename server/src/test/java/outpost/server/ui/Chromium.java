package outpost.server.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, one per test class: a fresh profile
 * directory, a 1280x900 window, and {@link PageProbe#SCRIPT} injected into every document before
 * the page's own scripts. Selenium Manager never runs (driver and browser paths are given), so no
 * test touches the network. A missing Chromium fails the test with what to install; it is never
 * skipped. Not thread-safe. Close it to quit the browser and delete the profile.
 */
final class Chromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension DESKTOP = new Dimension(1280, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  /** How long a page may take to show what a test waits for. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private final String owner;
  private final Path profile;
  private final ChromeDriver driver;

  /**
   * Starts Chromium for the test class {@code owner} (its simple name prefixes screenshots).
   *
   * @throws IllegalStateException when Chromium or chromedriver is not installed
   */
  Chromium(Class<?> owner) throws IOException {
    requireExecutable(CHROMIUM, "chromium");
    requireExecutable(CHROMEDRIVER, "chromium-driver");
    this.owner = owner.getSimpleName();
    this.profile = Files.createTempDirectory("outpost-chromium-");
    ChromeDriver started = null;
    try {
      started = new ChromeDriver(service(this.owner), options(profile));
      started.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument", Map.of("source", PageProbe.SCRIPT));
    } catch (RuntimeException e) {
      if (started != null) {
        started.quit();
      }
      deleteRecursively(profile);
      throw e;
    }
    this.driver = started;
  }

  private static void requireExecutable(Path path, String debianPackage) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path
              + " is missing: install Debian's chromium and chromium-driver (apt-get install"
              + " chromium chromium-driver; scripts/test does it); package "
              + debianPackage);
    }
  }

  private static ChromeDriverService service(String owner) throws IOException {
    Path logs = Files.createDirectories(Screenshots.buildDir().resolve("browser-logs"));
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File(logs.resolve(owner + "-chromedriver.log").toString()))
        .build();
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-quic",
        "--password-store=basic",
        "--user-data-dir=" + profile,
        "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
    // leave alert(), confirm() and prompt() open, so a test can see that one appeared
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    return options;
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Loads {@code url} and waits for the document to finish loading. */
  void open(String url) {
    driver.get(url);
  }

  /** Waits until an element matching {@code by} is visible and returns it. */
  WebElement visible(By by) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until an element matching {@code by} is visible and returns its rendered text. */
  String visibleText(By by) {
    return waiting()
        .until(
            d -> {
              WebElement element = d.findElement(by);
              return element.isDisplayed() ? element.getText() : null;
            });
  }

  /** Waits until an element matching {@code by} is in the document and returns it. */
  WebElement present(By by) {
    return waiting().until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** A wait of {@link #WAIT} that retries while elements are missing or replaced. */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * The rendered text ({@code innerText}) of every element matching the CSS {@code selector}, in
   * document order, read in one script so that a re-render cannot make an element stale midway.
   */
  List<String> texts(String selector) {
    Object texts =
        script(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);", selector);
    return ((List<?>) texts).stream().map(String::valueOf).toList();
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a PNG of the viewport as {@code <TestClass>-<name>.png}; returns its path. */
  Path screenshot(String name) {
    return Screenshots.save(owner + "-" + name, driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Resizes the window, e.g. to {@link #PHONE} and back to {@link #DESKTOP}. */
  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting the Chromium profile " + dir, e);
    }
  }
}
