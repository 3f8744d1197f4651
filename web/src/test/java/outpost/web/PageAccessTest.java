package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.auth.api.AuthRoutes;
import outpost.web.http.Access;
import outpost.web.http.ErrorMapper;
import outpost.web.http.SecurityHeaders;

/**
 * How the access filter treats pages, on a real Javalin server with the same filter, error mapper
 * and auth routes as {@link WebServer} plus two page routes like the UI's.
 */
class PageAccessTest {
  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(TestServer.NOW);
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  @BeforeEach
  void start() throws IOException {
    UserStore users =
        UserStore.open(
            dataDir.resolve(UserStore.FILE_NAME),
            TestServer.PASSWORD,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            TestServer.HASHER,
            clock);
    AuthRoutes auth =
        AuthRoutes.create(
            users,
            TokenStore.open(dataDir.resolve(TokenStore.FILE_NAME), clock),
            clock,
            new SimpleMeterRegistry(),
            false);
    app =
        Javalin.create(
                cfg -> {
                  cfg.jsonMapper(new JavalinJackson(WebServer.jsonMapper(), false));
                  cfg.routes.before(new SecurityHeaders());
                  cfg.routes.beforeMatched(auth.accessFilter());
                  auth.register(cfg.routes);
                  cfg.routes.get(
                      "/search",
                      ctx -> {
                        SecurityHeaders.allowPage(ctx);
                        ctx.html("<p>search</p>");
                      },
                      Access.USER);
                  cfg.routes.get("/login", ctx -> ctx.html("<form></form>"), Access.ANYONE);
                  ErrorMapper.register(cfg.routes);
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    client.close();
  }

  private HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pagesRedirectToLoginWithTheirPathAndQueryAsNext() {
    HttpResponse<String> response = get("/search?q=status%3A500&range=1h");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .contains("/login?next=%2Fsearch%3Fq%3Dstatus%253A500%26range%3D1h");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(get("/search", "X-Requested-With", "outpost-ui").statusCode()).isEqualTo(302);
  }

  @Test
  void theLoginPageNeedsNoLoginAndPagesOpenWithASession() {
    assertThat(get("/login").statusCode()).isEqualTo(200);

    HttpRequest login =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/session"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"admin\",\"password\":\"" + TestServer.PASSWORD + "\"}"))
            .build();
    String cookie;
    try {
      cookie =
          client
              .send(login, HttpResponse.BodyHandlers.ofString())
              .headers()
              .firstValue("Set-Cookie")
              .orElseThrow()
              .split(";")[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    HttpResponse<String> page = get("/search", "Cookie", cookie);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.PAGE_CONTENT_SECURITY_POLICY);
  }

  @Test
  void apiRoutesGet401NotARedirect() {
    assertThat(get("/api/tokens").statusCode()).isEqualTo(401);
    assertThat(get("/api/session").statusCode()).isEqualTo(401);
  }
}
