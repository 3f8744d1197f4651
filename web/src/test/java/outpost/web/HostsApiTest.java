package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.Role;

class HostsApiTest {
  @TempDir Path dataDir;
  private TestServer web;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
    // web-2 logged 20 s ago, db-1 15 minutes ago (its counts end then)
    web.hosts.put(FakeHostDirectory.host("web-2", NOW.minusSeconds(20), NOW, List.of(4L, 5L, 6L)));
    web.hosts.put(
        FakeHostDirectory.host(
            "db-1",
            NOW.minus(Duration.ofMinutes(15)),
            NOW.minus(Duration.ofMinutes(15)),
            List.of(1L, 2L)));
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  @Test
  void listsHostsByNameWithSilenceAndMinutesEndingNow() {
    HttpResponse<String> response = web.getAsAdmin("/api/hosts");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("now").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(body.get("silent_after_seconds").asLong()).isEqualTo(600);
    JsonNode db = body.get("hosts").get(0);
    JsonNode web2 = body.get("hosts").get(1);
    assertThat(db.get("name").asText()).isEqualTo("db-1");
    assertThat(db.get("last_seen").asText()).isEqualTo("2026-11-23T11:45:00.000Z");
    assertThat(db.get("silent_seconds").asLong()).isEqualTo(900);
    assertThat(db.get("silent").asBoolean()).isTrue();
    assertThat(db.get("retired").asBoolean()).isFalse();
    assertThat(db.get("retired_at").isNull()).isTrue();
    List<Long> dbMinutes = longs(db.get("per_minute"));
    assertThat(dbMinutes).hasSize(60);
    // its series ended 15 minutes ago: shifted left, the last 15 minutes empty
    assertThat(dbMinutes.subList(43, 45)).containsExactly(1L, 2L);
    assertThat(dbMinutes.subList(45, 60)).containsOnly(0L);
    assertThat(web2.get("silent").asBoolean()).isFalse();
    assertThat(web2.get("silent_seconds").asLong()).isEqualTo(20);
    assertThat(web2.get("messages").asLong()).isEqualTo(15);
    assertThat(web2.get("apps").get(0).asText()).isEqualTo("sshd");
    assertThat(longs(web2.get("per_minute")).subList(57, 60)).containsExactly(4L, 5L, 6L);
  }

  @Test
  void silentAfterTakesDurations() {
    JsonNode body = json(web.getAsAdmin("/api/hosts?silent_after=10s"));

    assertThat(body.get("silent_after_seconds").asLong()).isEqualTo(10);
    assertThat(body.get("hosts").get(1).get("silent").asBoolean()).isTrue();
    JsonNode day = json(web.getAsAdmin("/api/hosts?silent_after=1d"));
    assertThat(day.get("hosts").get(0).get("silent").asBoolean()).isFalse();
  }

  @Test
  void rejectsABadSilentAfter() {
    for (String bad : List.of("10", "10x", "-5m", "1234567m")) {
      HttpResponse<String> response = web.getAsAdmin("/api/hosts?silent_after=" + bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(response).get("parameter").asText()).isEqualTo("silent_after");
    }
  }

  @Test
  void retiringMakesAHostExpectedlySilent() {
    assertThat(web.sendAsAdmin("POST", "/api/hosts/db-1/retire", null).statusCode()).isEqualTo(204);

    JsonNode db = json(web.getAsAdmin("/api/hosts")).get("hosts").get(0);
    assertThat(db.get("retired").asBoolean()).isTrue();
    assertThat(db.get("retired_at").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(db.get("silent").asBoolean()).isFalse();
  }

  @Test
  void retiringOrForgettingAnUnknownHostIs404() {
    HttpResponse<String> retire = web.sendAsAdmin("POST", "/api/hosts/nope/retire", null);
    assertThat(retire.statusCode()).isEqualTo(404);
    assertThat(json(retire).get("error").asText()).isEqualTo("not_found");
    assertThat(web.sendAsAdmin("DELETE", "/api/hosts/nope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void forgettingRemovesTheHost() {
    assertThat(web.sendAsAdmin("DELETE", "/api/hosts/db-1", null).statusCode()).isEqualTo(204);

    JsonNode hosts = json(web.getAsAdmin("/api/hosts")).get("hosts");
    assertThat(hosts).hasSize(1);
    assertThat(hosts.get(0).get("name").asText()).isEqualTo("web-2");
  }

  @Test
  void onlyAnAdminForgetsAHostButAnyUserRetires() {
    web.users.create("viewer", TestServer.PASSWORD.toCharArray(), Role.VIEWER);
    String viewer = TestServer.basic("viewer", TestServer.PASSWORD);

    HttpResponse<String> forget =
        web.send("DELETE", "/api/hosts/db-1", null, "Authorization", viewer);

    assertThat(forget.statusCode()).isEqualTo(403);
    assertThat(json(web.getAsAdmin("/api/hosts")).get("hosts")).hasSize(2);
    assertThat(
            web.send("POST", "/api/hosts/db-1/retire", null, "Authorization", viewer).statusCode())
        .isEqualTo(204);
  }
}
