package outpost.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web server's defences over plain HTTP against a real Outpost: no session means 401 for the
 * API and a redirect to the login page for pages; the session cookie is HttpOnly and SameSite
 * Strict and renewed at every login; state changes need the session's CSRF token; login is JSON
 * only; ten failed logins from one address are throttled with 429 and {@code Retry-After}.
 */
class WebSecurityHttpTest {
  private static final String SESSION_COOKIE = "outpost_session";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";

  @TempDir static Path dataDir;
  private static UiServer server;
  private static PlainHttp http;

  /** A logged-in session: the {@code Cookie} header value and the CSRF token. */
  private record Session(String cookie, String csrf) {}

  @BeforeAll
  static void start() throws UnknownHostException {
    server = UiServer.start(dataDir);
    http = new PlainHttp(server.baseUrl(), InetAddress.getByName("127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void apiRefusesRequestsWithoutASession() {
    for (String path :
        List.of("/api/search?q=x", "/api/hosts", "/api/overview", "/api/tail", "/api/session")) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(401);
      assertThat(UiApi.parse(response.body()).path("error").asText()).isEqualTo("unauthorized");
    }
    assertThat(http.get("/api/search?q=x").headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"Outpost\"");
    HttpResponse<String> fromUi = http.get("/api/search?q=x", "X-Requested-With", "outpost-ui");
    assertThat(fromUi.statusCode()).isEqualTo(401);
    assertThat(fromUi.headers().firstValue("WWW-Authenticate")).isEmpty();
    HttpResponse<String> forged =
        http.get("/api/search?q=x", "Cookie", SESSION_COOKIE + "=forged-session-id");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void pagesWithoutASessionRedirectToLogin() {
    for (String page : List.of("/", "/search?q=status%3A500&range=1h", "/tail", "/hosts")) {
      HttpResponse<String> response = http.get(page);
      assertThat(response.statusCode()).as("GET %s", page).isEqualTo(302);
      String location = response.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith("/login?next=");
      String next = location.substring("/login?next=".length());
      assertThat(URLDecoder.decode(next, StandardCharsets.UTF_8)).isEqualTo(page);
    }
    HttpResponse<String> login = http.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
  }

  @Test
  void loginTakesJsonOnlyAndIssuesAFreshStrictHttpOnlyCookie() {
    String credentials = credentials(UiServer.ADMIN_USER, UiServer.ADMIN_PASSWORD);
    HttpResponse<String> form =
        http.send(
            "POST",
            "/api/session",
            credentials,
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).as("login with a form content type").isEqualTo(415);
    HttpResponse<String> wrong =
        http.postJson("/api/session", credentials(UiServer.ADMIN_USER, "wrong-password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(PlainHttp.setCookie(wrong, SESSION_COOKIE)).isEmpty();

    HttpResponse<String> ok = http.postJson("/api/session", credentials);
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode body = UiApi.parse(ok.body());
    assertThat(body.path("user").asText()).isEqualTo(UiServer.ADMIN_USER);
    assertThat(body.path("role").asText()).isEqualTo("admin");
    assertThat(body.path("csrf").asText()).isNotBlank();
    String cookie = PlainHttp.setCookie(ok, SESSION_COOKIE).orElseThrow();
    assertThat(cookie.toLowerCase()).contains("httponly", "samesite=strict", "path=/");

    Session first = login();
    Session second = login();
    assertThat(second.cookie()).as("a new session id at every login").isNotEqualTo(first.cookie());
    HttpResponse<String> current = http.get("/api/session", "Cookie", second.cookie());
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(UiApi.parse(current.body()).path("csrf").asText()).isEqualTo(second.csrf());
  }

  @Test
  void stateChangesWithASessionNeedItsCsrfToken() {
    Session session = login();
    String refused = "{\"name\":\"refused\",\"state\":\"q=status%3A500&range=1h\"}";
    HttpResponse<String> noToken =
        http.postJson("/api/saved-searches", refused, "Cookie", session.cookie());
    assertThat(noToken.statusCode()).as("no X-CSRF-Token").isEqualTo(403);
    assertThat(UiApi.parse(noToken.body()).path("error").asText()).isEqualTo("forbidden");
    HttpResponse<String> wrongToken =
        http.postJson(
            "/api/saved-searches",
            refused,
            "Cookie",
            session.cookie(),
            "X-CSRF-Token",
            session.csrf() + "x");
    assertThat(wrongToken.statusCode()).as("wrong X-CSRF-Token").isEqualTo(403);
    Session other = login();
    HttpResponse<String> othersToken =
        http.postJson(
            "/api/saved-searches",
            refused,
            "Cookie",
            session.cookie(),
            "X-CSRF-Token",
            other.csrf());
    assertThat(othersToken.statusCode()).as("another session's X-CSRF-Token").isEqualTo(403);

    String accepted = "{\"name\":\"errors\",\"state\":\"q=status%3A500&range=1h\"}";
    HttpResponse<String> created =
        http.postJson(
            "/api/saved-searches",
            accepted,
            "Cookie",
            session.cookie(),
            "X-CSRF-Token",
            session.csrf());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode list = UiApi.parse(http.get("/api/saved-searches", "Cookie", session.cookie()).body());
    assertThat(list.path("searches").findValuesAsText("name")).containsExactly("errors");

    HttpResponse<String> logoutNoToken =
        http.send("DELETE", "/api/session", null, "Cookie", session.cookie());
    assertThat(logoutNoToken.statusCode()).isEqualTo(403);
    HttpResponse<String> logout =
        http.send(
            "DELETE",
            "/api/session",
            null,
            "Cookie",
            session.cookie(),
            "X-CSRF-Token",
            session.csrf());
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(http.get("/api/session", "Cookie", session.cookie()).statusCode()).isEqualTo(401);
  }

  @Test
  void tenFailedLoginsFromOneAddressAreThrottled() throws UnknownHostException {
    PlainHttp attacker = new PlainHttp(server.baseUrl(), InetAddress.getByName("127.0.0.2"));
    for (int i = 1; i <= 10; i++) {
      HttpResponse<String> guess =
          attacker.postJson("/api/session", credentials("mallory", "guess-number-" + i));
      assertThat(guess.statusCode()).as("failed login %d", i).isEqualTo(401);
    }
    HttpResponse<String> throttled =
        attacker.postJson("/api/session", credentials("mallory", "guess-number-11"));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(UiApi.parse(throttled.body()).path("error").asText()).isEqualTo("too_many_requests");
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 300L);
    HttpResponse<String> rightPassword =
        attacker.postJson(
            "/api/session", credentials(UiServer.ADMIN_USER, UiServer.ADMIN_PASSWORD));
    assertThat(rightPassword.statusCode())
        .as("even the right password, from that address")
        .isEqualTo(429);
    assertThat(login().csrf()).as("another address still logs in").isNotBlank();
  }

  private static Session login() {
    HttpResponse<String> response =
        http.postJson("/api/session", credentials(UiServer.ADMIN_USER, UiServer.ADMIN_PASSWORD));
    assertThat(response.statusCode()).as("login: %s", response.body()).isEqualTo(200);
    String setCookie = PlainHttp.setCookie(response, SESSION_COOKIE).orElseThrow();
    String cookie = setCookie.split(";", 2)[0];
    return new Session(cookie, UiApi.parse(response.body()).path("csrf").asText());
  }

  private static String credentials(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }
}
