package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.TokenStore;

class TokensApiTest {
  @TempDir Path dataDir;

  private static JsonNode createToken(TestServer web, Login login, String name) {
    HttpResponse<String> response =
        login.send(web, "POST", "/api/tokens", "{\"name\":\"" + name + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response);
  }

  private static HttpResponse<String> bearer(TestServer web, String secret) {
    return web.get("/api/search", "Bearer " + secret);
  }

  @Test
  void aTokenIsShownOnceStoredHashedAndAuthenticatesScripts() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);

      JsonNode created = createToken(web, admin, "backup script");
      String secret = created.get("token").asText();

      assertThat(secret).matches("otk_[A-Za-z0-9_-]{43}");
      assertThat(created.get("name").asText()).isEqualTo("backup script");
      assertThat(created.get("owner").asText()).isEqualTo("admin");
      Path file = dataDir.resolve(TokenStore.FILE_NAME);
      assertThat(Files.readString(file))
          .doesNotContain(secret)
          .contains(created.get("id").asText());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");

      HttpResponse<String> used = bearer(web, secret);

      assertThat(used.statusCode()).isEqualTo(200);
      JsonNode listed = json(admin.get(web, "/api/tokens")).get("tokens").get(0);
      assertThat(listed.get("id").asText()).isEqualTo(created.get("id").asText());
      assertThat(listed.get("last_used").asText()).isEqualTo("2026-11-23T12:00:00Z");
      assertThat(listed.has("token")).isFalse();
      // POST without CSRF works with a token: no cookie, no CSRF.
      HttpResponse<String> scripted =
          web.send(
              "POST", "/api/tokens", "{\"name\":\"child\"}", "Authorization", "Bearer " + secret);
      assertThat(scripted.statusCode()).isEqualTo(201);
    }
  }

  @Test
  void lastUsedIsWrittenAtMostOncePerMinute() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      String secret = createToken(web, admin, "busy").get("token").asText();
      Path file = dataDir.resolve(TokenStore.FILE_NAME);

      bearer(web, secret);
      String afterFirst = Files.readString(file);
      web.clock.advance(Duration.ofSeconds(59));
      bearer(web, secret);
      assertThat(Files.readString(file)).isEqualTo(afterFirst);

      web.clock.advance(Duration.ofSeconds(1));
      bearer(web, secret);
      assertThat(Files.readString(file)).contains("2026-11-23T12:01:00Z");
    }
  }

  @Test
  void revokedAndUnknownTokensAreRefused() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      JsonNode created = createToken(web, admin, "old");
      String secret = created.get("token").asText();

      HttpResponse<String> revoked =
          admin.send(web, "DELETE", "/api/tokens/" + created.get("id").asText(), null);

      assertThat(revoked.statusCode()).isEqualTo(204);
      assertThat(bearer(web, secret).statusCode()).isEqualTo(401);
      assertThat(bearer(web, "otk_" + "A".repeat(43)).statusCode()).isEqualTo(401);
      assertThat(admin.send(web, "DELETE", "/api/tokens/nope", null).statusCode()).isEqualTo(404);
      assertThat(json(admin.get(web, "/api/tokens")).get("tokens")).isEmpty();
    }
  }

  @Test
  void viewersSeeAndRevokeOnlyTheirOwnTokens() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      admin.send(web, "POST", "/api/users", "{\"name\":\"vic\",\"password\":\"viewer password\"}");
      Login viewer = Login.as(web, "vic", "viewer password");
      JsonNode adminToken = createToken(web, admin, "admin's");
      JsonNode viewerToken = createToken(web, viewer, "vic's");

      JsonNode seenByViewer = json(viewer.get(web, "/api/tokens")).get("tokens");
      JsonNode seenByAdmin = json(admin.get(web, "/api/tokens")).get("tokens");
      HttpResponse<String> foreign =
          viewer.send(web, "DELETE", "/api/tokens/" + adminToken.get("id").asText(), null);

      assertThat(seenByViewer).hasSize(1);
      assertThat(seenByViewer.get(0).get("owner").asText()).isEqualTo("vic");
      assertThat(seenByAdmin).hasSize(2);
      assertThat(foreign.statusCode()).isEqualTo(403);
      // a viewer's token acts as the viewer
      assertThat(web.get("/api/users", "Bearer " + viewerToken.get("token").asText()).statusCode())
          .isEqualTo(403);
      assertThat(
              admin
                  .send(web, "DELETE", "/api/tokens/" + viewerToken.get("id").asText(), null)
                  .statusCode())
          .isEqualTo(204);
    }
  }

  @Test
  void deletingAUserRevokesTheirTokens() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      admin.send(web, "POST", "/api/users", "{\"name\":\"vic\",\"password\":\"viewer password\"}");
      String secret =
          createToken(web, Login.as(web, "vic", "viewer password"), "t").get("token").asText();
      assertThat(bearer(web, secret).statusCode()).isEqualTo(200);

      admin.send(web, "DELETE", "/api/users/vic", null);

      assertThat(bearer(web, secret).statusCode()).isEqualTo(401);
      assertThat(Files.readString(dataDir.resolve(TokenStore.FILE_NAME))).doesNotContain("vic");
    }
  }

  @Test
  void tokensSurviveARestart() throws IOException {
    String secret;
    try (TestServer web = new TestServer(dataDir)) {
      secret =
          createToken(web, Login.as(web, "admin", TestServer.PASSWORD), "kept")
              .get("token")
              .asText();
    }
    try (TestServer web = new TestServer(dataDir)) {
      assertThat(bearer(web, secret).statusCode()).isEqualTo(200);
    }
  }
}
