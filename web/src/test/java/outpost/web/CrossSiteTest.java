package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.UserStore;

/**
 * State-changing requests the browser marks as cross-site are refused even with valid Basic
 * credentials (which a browser may replay on a forged request, without any CSRF token).
 */
class CrossSiteTest {
  private static final String BODY = "{\"name\":\"s\",\"state\":\"q=x\"}";

  @TempDir Path dataDir;
  private TestServer web;
  private String admin;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
    admin = TestServer.basic(UserStore.ADMIN, TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private HttpResponse<String> save(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = admin;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return web.send("POST", "/api/saved-searches", BODY, all);
  }

  @Test
  void refusesAForeignOriginAndCrossSiteFetchEvenWithBasicCredentials() {
    assertThat(save("Origin", "https://evil.example").statusCode()).isEqualTo(403);
    assertThat(save("Origin", "null").statusCode()).isEqualTo(403);
    assertThat(save("Origin", "http://127.0.0.1:1").statusCode()).isEqualTo(403);
    assertThat(save("Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    assertThat(save("Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
    assertThat(web.getAsAdmin("/api/saved-searches").body()).doesNotContain("q=x");
  }

  @Test
  void acceptsSameOriginBrowsersAndScriptsWithoutOrigin() {
    assertThat(save().statusCode()).isEqualTo(201);
    assertThat(save("Origin", "http://127.0.0.1:" + web.port).statusCode()).isEqualTo(201);
    assertThat(save("Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(201);
    // behind a proxy that rewrites Host the browser's own verdict wins over Origin vs Host
    assertThat(
            save("Sec-Fetch-Site", "same-origin", "Origin", "https://logs.example.org")
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void readsAreNotAffected() {
    HttpResponse<String> response =
        web.send(
            "GET",
            "/api/saved-searches",
            null,
            "Authorization",
            admin,
            "Origin",
            "https://x.example");
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
