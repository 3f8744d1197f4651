package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.SessionStore;

class SessionApiTest {
  @TempDir Path dataDir;

  @Test
  void loginReturnsUserRoleAndCsrfAndSetsAStrictHttpOnlyCookie() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login login = Login.as(web, "admin", TestServer.PASSWORD);

      assertThat(login.sessionId()).matches("[A-Za-z0-9_-]{43}");
      assertThat(login.csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(login.sessionId());
      assertThat(login.setCookie())
          .contains("HttpOnly")
          .containsIgnoringCase("SameSite=Strict")
          .contains("Path=/")
          .doesNotContain("Secure");
      JsonNode session = json(login.get(web, "/api/session"));
      assertThat(session.get("user").asText()).isEqualTo("admin");
      assertThat(session.get("role").asText()).isEqualTo("admin");
      assertThat(session.get("csrf").asText()).isEqualTo(login.csrf());
      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void wrongPasswordIs401AndNonJsonLoginIs415() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> wrong =
          web.send("POST", "/api/session", "{\"username\":\"admin\",\"password\":\"nope\"}");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

      HttpResponse<String> form =
          web.send(
              "POST",
              "/api/session",
              "{\"username\":\"admin\",\"password\":\"" + TestServer.PASSWORD + "\"}",
              "Content-Type",
              "application/x-www-form-urlencoded");
      assertThat(form.statusCode()).isEqualTo(415);
      assertThat(json(form).get("error").asText()).isEqualTo("unsupported_media_type");

      HttpResponse<String> garbage = web.send("POST", "/api/session", "{\"username\":");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(web.send("POST", "/api/session", "{\"username\":\"admin\"}").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void everyLoginIssuesANewSessionAndEndsThePlantedOne() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login planted = Login.as(web, "admin", TestServer.PASSWORD);

      HttpResponse<String> relogin =
          web.send(
              "POST",
              "/api/session",
              "{\"username\":\"admin\",\"password\":\"" + TestServer.PASSWORD + "\"}",
              "Cookie",
              planted.cookie());

      assertThat(relogin.statusCode()).isEqualTo(200);
      String fresh = relogin.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(fresh).doesNotContain(planted.sessionId());
      assertThat(planted.get(web, "/api/search").statusCode()).isEqualTo(401);
      assertThat(planted.get(web, "/api/session").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void logoutNeedsCsrfThenEndsTheSessionAndClearsTheCookie() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login login = Login.as(web, "admin", TestServer.PASSWORD);

      HttpResponse<String> noCsrf =
          web.send("DELETE", "/api/session", null, "Cookie", login.cookie());
      assertThat(noCsrf.statusCode()).isEqualTo(403);
      assertThat(json(noCsrf).get("error").asText()).isEqualTo("forbidden");

      HttpResponse<String> logout = login.send(web, "DELETE", "/api/session", null);

      assertThat(logout.statusCode()).isEqualTo(204);
      assertThat(logout.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(
              c ->
                  assertThat(c)
                      .startsWith("outpost_session=;")
                      .contains("Expires=Thu, 01 Jan 1970"));
      assertThat(login.get(web, "/api/session").statusCode()).isEqualTo(401);
      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void stateChangingRequestsNeedTheSessionsCsrfToken() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login login = Login.as(web, "admin", TestServer.PASSWORD);
      Login other = Login.as(web, "admin", TestServer.PASSWORD);
      String body = "{\"name\":\"ci\"}";

      HttpResponse<String> missing =
          web.send("POST", "/api/tokens", body, "Cookie", login.cookie());
      HttpResponse<String> wrong =
          web.send(
              "POST", "/api/tokens", body, "Cookie", login.cookie(), "X-CSRF-Token", other.csrf());
      HttpResponse<String> right = login.send(web, "POST", "/api/tokens", body);

      assertThat(missing.statusCode()).isEqualTo(403);
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(json(wrong).get("message").asText()).contains("X-CSRF-Token");
      assertThat(right.statusCode()).isEqualTo(201);
      assertThat(json(login.get(web, "/api/tokens")).get("tokens")).hasSize(1);
    }
  }

  @Test
  void sessionsExpireAfterTwelveIdleHours() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login login = Login.as(web, "admin", TestServer.PASSWORD);

      web.clock.advance(SessionStore.DEFAULT_IDLE_TIMEOUT.minusMinutes(1));
      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(200);
      web.clock.advance(SessionStore.DEFAULT_IDLE_TIMEOUT.minusMinutes(1));
      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(200);

      web.clock.advance(SessionStore.DEFAULT_IDLE_TIMEOUT);
      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void sessionsEndSevenDaysAfterLoginHoweverBusy() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login login = Login.as(web, "admin", TestServer.PASSWORD);

      for (int hour = 0; hour < 7 * 24 - 1; hour += 11) {
        assertThat(login.get(web, "/api/search").statusCode()).as("hour %d", hour).isEqualTo(200);
        web.clock.advance(Duration.ofHours(11));
      }
      web.clock.advance(Duration.ofHours(2));

      assertThat(login.get(web, "/api/search").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void uiRequestsGetNoBasicChallenge() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> ui =
          web.send("GET", "/api/search", null, "X-Requested-With", "outpost-ui");
      HttpResponse<String> script = web.send("GET", "/api/search", null);

      assertThat(ui.statusCode()).isEqualTo(401);
      assertThat(ui.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(script.statusCode()).isEqualTo(401);
      assertThat(script.headers().firstValue("WWW-Authenticate"))
          .contains("Basic realm=\"Outpost\"");
    }
  }
}
