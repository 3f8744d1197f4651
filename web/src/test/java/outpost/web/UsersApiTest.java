package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.basic;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersApiTest {
  private static final String VIEWER_PASSWORD = "viewer password";

  @TempDir Path dataDir;

  private static HttpResponse<String> createViewer(TestServer web, Login admin) {
    return admin.send(
        web,
        "POST",
        "/api/users",
        "{\"name\":\"vic\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}");
  }

  @Test
  void adminCreatesAndListsUsers() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);

      HttpResponse<String> created = createViewer(web, admin);

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(json(created).get("name").asText()).isEqualTo("vic");
      assertThat(json(created).get("role").asText()).isEqualTo("viewer");
      assertThat(json(created).get("created").asText()).isEqualTo("2026-11-23T12:00:00Z");
      assertThat(json(created).has("password")).isFalse();
      JsonNode users = json(admin.get(web, "/api/users")).get("users");
      assertThat(users).hasSize(2);
      assertThat(users.get(0).get("name").asText()).isEqualTo("admin");
      assertThat(users.get(0).get("role").asText()).isEqualTo("admin");
      assertThat(users.get(1).get("name").asText()).isEqualTo("vic");
      assertThat(web.get("/api/search", basic("vic", VIEWER_PASSWORD)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void refusesDuplicatesBadNamesShortPasswordsAndBadRoles() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      createViewer(web, admin);

      assertThat(createViewer(web, admin).statusCode()).isEqualTo(409);
      assertThat(json(createViewer(web, admin)).get("error").asText()).isEqualTo("conflict");
      for (String body :
          new String[] {
            "{\"name\":\"Vic\",\"password\":\"long enough\",\"role\":\"viewer\"}",
            "{\"name\":\"ok\",\"password\":\"short\",\"role\":\"viewer\"}",
            "{\"name\":\"ok\",\"password\":\"long enough\",\"role\":\"root\"}",
            "{\"password\":\"long enough\",\"role\":\"viewer\"}",
            "[]"
          }) {
        HttpResponse<String> response = admin.send(web, "POST", "/api/users", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
      }
    }
  }

  @Test
  void viewersAreRefusedAdminRoutes() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      createViewer(web, Login.as(web, "admin", TestServer.PASSWORD));
      Login viewer = Login.as(web, "vic", VIEWER_PASSWORD);

      HttpResponse<String> list = viewer.get(web, "/api/users");
      HttpResponse<String> create =
          viewer.send(web, "POST", "/api/users", "{\"name\":\"eve\",\"password\":\"long enough\"}");
      HttpResponse<String> delete = viewer.send(web, "DELETE", "/api/users/admin", null);

      assertThat(list.statusCode()).isEqualTo(403);
      assertThat(json(list).get("error").asText()).isEqualTo("forbidden");
      assertThat(create.statusCode()).isEqualTo(403);
      assertThat(delete.statusCode()).isEqualTo(403);
      assertThat(web.get("/api/users", basic("vic", VIEWER_PASSWORD)).statusCode()).isEqualTo(403);
      assertThat(web.users.userNames()).containsExactlyInAnyOrder("admin", "vic");
    }
  }

  @Test
  void usersChangeTheirOwnPasswordOnlyAndOtherSessionsEnd() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      createViewer(web, Login.as(web, "admin", TestServer.PASSWORD));
      Login viewer = Login.as(web, "vic", VIEWER_PASSWORD);
      Login otherBrowser = Login.as(web, "vic", VIEWER_PASSWORD);

      HttpResponse<String> others =
          viewer.send(web, "PUT", "/api/users/admin/password", "{\"password\":\"hijacked!!\"}");
      HttpResponse<String> own =
          viewer.send(web, "PUT", "/api/users/vic/password", "{\"password\":\"a new password\"}");

      assertThat(others.statusCode()).isEqualTo(403);
      assertThat(own.statusCode()).isEqualTo(204);
      assertThat(viewer.get(web, "/api/search").statusCode()).isEqualTo(200);
      assertThat(otherBrowser.get(web, "/api/search").statusCode()).isEqualTo(401);
      assertThat(web.get("/api/search", basic("vic", VIEWER_PASSWORD)).statusCode()).isEqualTo(401);
      assertThat(web.get("/api/search", basic("vic", "a new password")).statusCode())
          .isEqualTo(200);
      assertThat(web.getAsAdmin("/api/search").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void adminChangesAnyPasswordAndUnknownUserIs404() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      createViewer(web, admin);

      assertThat(
              admin
                  .send(web, "PUT", "/api/users/vic/password", "{\"password\":\"reset by admin\"}")
                  .statusCode())
          .isEqualTo(204);
      assertThat(
              admin
                  .send(web, "PUT", "/api/users/nobody/password", "{\"password\":\"whatever123\"}")
                  .statusCode())
          .isEqualTo(404);
      assertThat(web.get("/api/search", basic("vic", "reset by admin")).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theLastAdminCannotBeDeletedButOthersCan() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Login admin = Login.as(web, "admin", TestServer.PASSWORD);
      createViewer(web, admin);
      Login viewer = Login.as(web, "vic", VIEWER_PASSWORD);

      HttpResponse<String> last = admin.send(web, "DELETE", "/api/users/admin", null);
      HttpResponse<String> deleted = admin.send(web, "DELETE", "/api/users/vic", null);

      assertThat(last.statusCode()).isEqualTo(400);
      assertThat(json(last).get("message").asText()).contains("last admin");
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(viewer.get(web, "/api/search").statusCode()).isEqualTo(401);
      assertThat(web.get("/api/search", basic("vic", VIEWER_PASSWORD)).statusCode()).isEqualTo(401);
      assertThat(admin.send(web, "DELETE", "/api/users/vic", null).statusCode()).isEqualTo(404);
    }
  }
}
