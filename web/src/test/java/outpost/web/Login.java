package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

/** A browser session obtained through {@code POST /api/session}, for tests. */
record Login(String sessionId, String csrf, String setCookie) {
  static Login as(TestServer web, String user, String password) {
    HttpResponse<String> response =
        web.send(
            "POST",
            "/api/session",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
            "X-Requested-With",
            "outpost-ui");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> cookies = response.headers().allValues("Set-Cookie");
    assertThat(cookies).hasSize(1);
    String setCookie = cookies.get(0);
    String id = setCookie.substring("outpost_session=".length(), setCookie.indexOf(';'));
    return new Login(id, TestServer.json(response).get("csrf").asText(), setCookie);
  }

  String cookie() {
    return "outpost_session=" + sessionId;
  }

  /** Sends with the session cookie and, when {@code withCsrf}, the CSRF header. */
  HttpResponse<String> send(TestServer web, String method, String path, String json) {
    return web.send(method, path, json, "Cookie", cookie(), "X-CSRF-Token", csrf);
  }

  HttpResponse<String> get(TestServer web, String path) {
    return web.send("GET", path, null, "Cookie", cookie());
  }
}
