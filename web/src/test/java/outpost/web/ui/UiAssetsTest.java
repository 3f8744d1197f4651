package outpost.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The UI's files as shipped: the manifest lists exactly the files in the assets folder, pages pin
 * assets to the version, and neither HTML nor JavaScript uses the constructs that would let a log
 * line become markup or script (the CSP forbids inline code; the code must not need it).
 */
class UiAssetsTest {
  private static final Path SOURCES = Path.of("src/main/resources", UiAssets.ROOT);
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>");
  private static final Pattern INLINE_HANDLER =
      Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKUP_SINKS =
      Pattern.compile(
          "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|"
              + "createContextualFragment|setAttribute\\(\\s*['\"](src|on)|\\.(href|src)\\s*=");
  private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z]+\\.js)'");
  private static final Pattern HREF = Pattern.compile("setAttribute\\(\\s*['\"]href");

  @Test
  void manifestListsExactlyTheAssetFiles() throws IOException {
    List<String> listed =
        Files.readAllLines(SOURCES.resolve("assets.list"), StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .sorted()
            .toList();
    Path assets = SOURCES.resolve("assets");
    try (Stream<Path> files = Files.walk(assets)) {
      List<String> present =
          files
              .filter(Files::isRegularFile)
              .map(p -> assets.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
      assertThat(listed).isEqualTo(present);
    }
  }

  @Test
  void pagesReferenceAssetsOfTheCurrentVersionOnly() {
    UiAssets ui = UiAssets.load();

    assertThat(ui.version()).matches("[0-9a-f]{12}");
    for (String page : UiAssets.PAGES) {
      String html = new String(ui.page(page), StandardCharsets.UTF_8);
      assertThat(html).as(page).contains("\"/ui/" + ui.version() + "/app.css\"");
      assertThat(html.replace("\"/ui/" + ui.version() + "/", "")).as(page).doesNotContain("\"/ui/");
    }
    assertThat(ui.asset("js/search.js")).isPresent();
    assertThat(ui.asset("../pages/search.html")).isEmpty();
    assertThatThrownBy(() -> ui.page("secret")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyPageButLoginIsFramedByTheLayoutWithItsOwnTitleNameAndScript() {
    UiAssets ui = UiAssets.load();
    for (String page : UiAssets.PAGES) {
      String html = new String(ui.page(page), StandardCharsets.UTF_8);
      assertThat(html).as(page).startsWith("<!doctype html>").endsWith("</html>\n");
      assertThat(html).as(page).doesNotContain("{{", "<!-- title:");
      if (!page.equals("login")) {
        assertThat(html).as(page).contains("<body data-page=\"" + page + "\">");
        assertThat(html).as(page).contains("<nav id=\"nav\"", "<button id=\"logout\"");
        assertThat(html).as(page).containsOnlyOnce("<main");
      }
    }
    assertThat(new String(ui.page("tail"), StandardCharsets.UTF_8))
        .contains("<title>Live tail · Outpost</title>");
    assertThatThrownBy(() -> UiAssets.shell("x", "<main></main>\n", "{{MAIN}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("page x");
  }

  @Test
  void templatePagesAreServedOnlyWithEveryValueFilledInAndEscaped() {
    UiAssets ui = UiAssets.load();

    String html =
        new String(
            ui.page(
                "elsewhere",
                Map.of("ALERTS_LINK", "https://a/checks?x=1&y=\"", "ALERTS_NODE", "<b>")),
            StandardCharsets.UTF_8);

    assertThat(html)
        .contains("href=\"https://a/checks?x=1&amp;y=&quot;\"", "&lt;b&gt;</a>")
        .contains("/js/elsewhere.js\"", "<nav id=\"nav\"")
        .doesNotContain("{{");
    assertThatThrownBy(() -> ui.page("elsewhere", Map.of("ALERTS_LINK", "https://a/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{ALERTS_NODE}}");
    assertThatThrownBy(() -> ui.page("elsewhere")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ui.page("search", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void htmlHasNoInlineScriptsStylesOrHandlers() throws IOException {
    try (Stream<Path> files = Files.list(SOURCES.resolve("pages"))) {
      for (Path file : files.toList()) {
        String html = Files.readString(file);
        assertThat(INLINE_SCRIPT.matcher(html).find()).as(file.toString()).isFalse();
        assertThat(INLINE_HANDLER.matcher(html).find()).as(file.toString()).isFalse();
        assertThat(html).as(file.toString()).doesNotContain("<style", " style=", "javascript:");
      }
    }
  }

  @Test
  void scriptsNeverTurnTextIntoMarkupOrCode() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve("assets/js"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        var sink = MARKUP_SINKS.matcher(Files.readString(file));
        assertThat(sink.find() ? sink.group() : null).as(file.toString()).isNull();
      }
    }
  }

  @Test
  void onlyPageLinkSetsAnHrefAndOnlyOnOwnPaths() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve("assets/js"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        long hrefs = HREF.matcher(Files.readString(file)).results().count();
        assertThat(hrefs).as(file.toString()).isEqualTo(file.endsWith("dom.js") ? 1 : 0);
      }
    }
  }

  @Test
  void everyModuleImportAndPageScriptIsAListedAsset() throws IOException {
    UiAssets ui = UiAssets.load();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("assets/js"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        var imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          assertThat(ui.asset("js/" + imports.group(1)))
              .as(file + " imports " + imports.group())
              .isPresent();
        }
      }
    }
    for (String page : UiAssets.PAGES) {
      String html = new String(ui.page(page), StandardCharsets.UTF_8);
      assertThat(html).as(page).contains("/js/" + page + ".js\"");
      assertThat(ui.asset("js/" + page + ".js")).as(page).isPresent();
    }
  }
}
