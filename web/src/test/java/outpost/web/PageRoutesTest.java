package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageRoutesTest {
  private static final Pattern SCRIPT =
      Pattern.compile("src=\"(/ui/([0-9a-f]{12})/js/[a-z]+\\.js)\"");
  private static final Map<String, String> PAGES =
      Map.of(
          "/", "overview.js",
          "/search", "search.js",
          "/event?id=1&t=2026-11-23T12:00:00Z", "event.js",
          "/tail", "tail.js",
          "/hosts", "hosts.js",
          "/dashboard", "dashboard.js",
          "/admin", "admin.js");

  @TempDir Path dataDir;

  @Test
  void servesEveryPageAsHtmlWithThePageCspAndNoCaching() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      PAGES.forEach(
          (path, script) -> {
            HttpResponse<String> response = web.getAsAdmin(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertPage(response, path);
            assertThat(response.body()).as(path).contains("/js/" + script + "\"");
            assertThat(response.body()).as(path).contains("<nav id=\"nav\"");
          });
    }
  }

  @Test
  void loginPageNeedsNoLogin() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> response = web.get("/login?next=%2Fsearch", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertPage(response, "/login");
      assertThat(response.body()).contains("id=\"login-user\"", "id=\"login-password\"");
    }
  }

  @Test
  void pagesOtherThanLoginNeedALogin() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (String path : PAGES.keySet()) {
        HttpResponse<String> response = web.get(path, null);

        assertThat(response.statusCode()).as(path).isIn(302, 401);
        assertThat(response.body()).as(path).doesNotContain("<nav");
      }
    }
  }

  @Test
  void servesVersionedAssetsWithTheirTypesAndALongCache() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Matcher m = SCRIPT.matcher(web.getAsAdmin("/search").body());
      assertThat(m.find()).isTrue();
      String version = m.group(2);

      HttpResponse<String> script = web.get(m.group(1), null);
      HttpResponse<String> imported = web.get("/ui/" + version + "/js/api.js", null);
      HttpResponse<String> css = web.get("/ui/" + version + "/app.css", null);
      HttpResponse<String> icon = web.get("/ui/" + version + "/favicon.svg", null);

      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(script.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(script.body()).contains("import ");
      assertThat(imported.headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
      assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }
  }

  @Test
  void anOldAssetVersionIsServedButNotPinned() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> response = web.get("/ui/000000000000/js/api.js", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }
  }

  @Test
  void unlistedAndTraversingAssetPathsAreNotFound() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (String path :
          new String[] {
            "/ui/v/js/nope.js",
            "/ui/v/../pages/search.html",
            "/ui/v/%2e%2e/assets.list",
            "/ui/v/assets.list",
            "/ui/v/pages/search.html",
            "/ui/v/outpost/web/WebServer.class"
          }) {
        HttpResponse<String> response = web.get(path, null);

        assertThat(response.statusCode()).as(path).isIn(400, 404);
        assertThat(response.body()).as(path).doesNotContain("<html", "package outpost");
      }
    }
  }

  private static void assertPage(HttpResponse<String> response, String path) {
    assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .as(path)
        .isEqualToIgnoringCase("text/html;charset=utf-8");
    assertThat(response.headers().allValues("Content-Security-Policy"))
        .as(path)
        .containsExactly(outpost.web.http.SecurityHeaders.PAGE_CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
    assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
    assertThat(response.body()).as(path).startsWith("<!doctype html>");
  }
}
