package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.Role;
import outpost.web.search.SavedSearchStore;

class SavedSearchApiTest {
  @TempDir Path dataDir;
  private TestServer web;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private HttpResponse<String> create(String body) {
    return web.sendAsAdmin("POST", "/api/saved-searches", body);
  }

  @Test
  void createsListsAndKeepsSearchesAcrossARestart() throws IOException {
    HttpResponse<String> created =
        create("{\"name\":\"5xx on web\",\"state\":\"q=status%3A500&range=1h\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode saved = json(created);
    assertThat(saved.get("id").asText()).matches("[0-9a-f]{18}");
    assertThat(saved.get("name").asText()).isEqualTo("5xx on web");
    assertThat(saved.get("state").asText()).isEqualTo("q=status%3A500&range=1h");
    assertThat(saved.get("owner").asText()).isEqualTo("admin");
    assertThat(saved.get("created").asText()).isEqualTo("2026-11-23T12:00:00.000Z");

    web.close();
    web = new TestServer(dataDir);

    JsonNode searches = json(web.getAsAdmin("/api/saved-searches")).get("searches");
    assertThat(searches).hasSize(1);
    assertThat(searches.get(0)).isEqualTo(saved);
  }

  @Test
  void rejectsBadNamesAndStatesNamingTheField() {
    assertBad(create("{\"name\":\"\",\"state\":\"q=x\"}"), "name", "must not be blank");
    assertBad(
        create("{\"name\":\"" + "n".repeat(101) + "\",\"state\":\"q=x\"}"),
        "name",
        "101 characters, more than 100");
    assertBad(create("{\"name\":\"ok\"}"), "state", "is required");
    assertBad(
        create("{\"name\":\"ok\",\"state\":\"" + "s".repeat(4097) + "\"}"),
        "state",
        "4097 characters, more than 4096");
    assertThat(json(web.getAsAdmin("/api/saved-searches")).get("searches")).isEmpty();
  }

  @Test
  void rejectsABodyThatIsNotJson() {
    HttpResponse<String> response = create("name=x");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
  }

  private static void assertBad(HttpResponse<String> response, String parameter, String reason) {
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("parameter").asText()).isEqualTo(parameter);
    assertThat(body.get("message").asText()).contains(reason);
  }

  @Test
  void deletesOwnSearchesAndSays404ForUnknownOnes() {
    String id = json(create("{\"name\":\"a\",\"state\":\"q=a\"}")).get("id").asText();

    assertThat(web.sendAsAdmin("DELETE", "/api/saved-searches/" + id, null).statusCode())
        .isEqualTo(204);
    assertThat(web.sendAsAdmin("DELETE", "/api/saved-searches/" + id, null).statusCode())
        .isEqualTo(404);
    assertThat(json(web.getAsAdmin("/api/saved-searches")).get("searches")).isEmpty();
  }

  @Test
  void anAdminDeletesOtherUsersSearches() throws IOException {
    web.close();
    Files.writeString(
        dataDir.resolve(SavedSearchStore.FILE_NAME),
        "[{\"id\":\"b0b\",\"name\":\"bob's\",\"state\":\"q=x\",\"owner\":\"bob\","
            + "\"created\":\"2026-11-22T08:00:00Z\"}]",
        StandardCharsets.UTF_8);
    web = new TestServer(dataDir);

    JsonNode listed = json(web.getAsAdmin("/api/saved-searches")).get("searches").get(0);
    assertThat(listed.get("owner").asText()).isEqualTo("bob");
    assertThat(listed.get("name").asText()).isEqualTo("bob's");

    assertThat(web.sendAsAdmin("DELETE", "/api/saved-searches/b0b", null).statusCode())
        .isEqualTo(204);
  }

  @Test
  void aViewerMayNotDeleteAnotherUsersSearch() {
    web.users.create("viewer", TestServer.PASSWORD.toCharArray(), Role.VIEWER);
    String viewer = TestServer.basic("viewer", TestServer.PASSWORD);
    String adminsId = json(create("{\"name\":\"a\",\"state\":\"q=a\"}")).get("id").asText();
    HttpResponse<String> own =
        web.send(
            "POST",
            "/api/saved-searches",
            "{\"name\":\"mine\",\"state\":\"q=b\"}",
            "Authorization",
            viewer);
    assertThat(json(own).get("owner").asText()).isEqualTo("viewer");

    HttpResponse<String> other =
        web.send("DELETE", "/api/saved-searches/" + adminsId, null, "Authorization", viewer);

    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(json(other).get("error").asText()).isEqualTo("forbidden");
    String ownId = json(own).get("id").asText();
    assertThat(
            web.send("DELETE", "/api/saved-searches/" + ownId, null, "Authorization", viewer)
                .statusCode())
        .isEqualTo(204);
    assertThat(json(web.getAsAdmin("/api/saved-searches")).get("searches")).hasSize(1);
  }
}
