package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.basic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.LoginThrottle;

/** Login throttling per address and per user name, with clients on distinct loopback addresses. */
class ThrottleTest {
  @TempDir Path dataDir;

  /** Sends from 127.0.0.{@code host} (all of 127/8 is loopback on Linux). */
  private static HttpResponse<String> from(
      TestServer web, int host, String method, String path, String json, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (HttpClient client =
        HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0." + host)).build()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String login(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  void throttlesAUserNameGuessedFromManyAddresses() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
        int host = 2 + i / 2; // two failures per address: no address reaches the limit
        String wrong = "guess" + i;
        HttpResponse<String> failed =
            i % 2 == 0
                ? from(web, host, "POST", "/api/session", login("admin", wrong), null)
                : from(web, host, "GET", "/api/search", null, basic("admin", wrong));
        assertThat(failed.statusCode()).isEqualTo(401);
      }

      HttpResponse<String> session =
          from(web, 20, "POST", "/api/session", login("admin", TestServer.PASSWORD), null);
      HttpResponse<String> basicAuth =
          from(web, 21, "GET", "/api/search", null, basic("admin", TestServer.PASSWORD));

      assertThat(session.statusCode()).isEqualTo(429);
      assertThat(session.headers().firstValue("Retry-After")).contains("300");
      assertThat(basicAuth.statusCode()).isEqualTo(429);
      assertThat(from(web, 20, "GET", "/api/search", null, basic("other", "x")).statusCode())
          .isEqualTo(401);

      web.clock.advance(LoginThrottle.DEFAULT_WINDOW);
      assertThat(
              from(web, 20, "POST", "/api/session", login("admin", TestServer.PASSWORD), null)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void throttlesAnAddressThatGuessesManyNamesOrTokens() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES / 2; i++) {
        assertThat(from(web, 2, "POST", "/api/session", login("user" + i, "pw"), null).statusCode())
            .isEqualTo(401);
        assertThat(
                from(web, 2, "GET", "/api/search", null, "Bearer otk_" + "x".repeat(43))
                    .statusCode())
            .isEqualTo(401);
      }

      assertThat(
              from(web, 2, "POST", "/api/session", login("admin", TestServer.PASSWORD), null)
                  .statusCode())
          .isEqualTo(429);
      assertThat(from(web, 2, "GET", "/api/search", null, "Bearer otk_y").statusCode())
          .isEqualTo(429);
      assertThat(
              from(web, 3, "GET", "/api/search", null, basic("admin", TestServer.PASSWORD))
                  .statusCode())
          .isEqualTo(200);
    }
  }
}
