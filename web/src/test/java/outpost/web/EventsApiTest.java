package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.ContextRequest;
import outpost.index.FieldName;
import outpost.index.LogEvent;

class EventsApiTest {
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

  private static LogEvent event(Instant t, String host, String app, String message) {
    return new LogEvent(t, t, host, app, "", "", 3, 6, message, message, Map.of(), "udp", "");
  }

  private static List<String> messages(JsonNode hits) {
    List<String> out = new ArrayList<>();
    hits.forEach(h -> out.add(h.get("message").asText()));
    return out;
  }

  @Test
  void fieldsListsNamesAndTypesForTheRange() {
    web.search.fieldNames.add(new FieldName("@timestamp", "time"));
    web.search.fieldNames.add(new FieldName("message", "text"));
    web.search.fieldNames.add(new FieldName("status", "numeric"));

    HttpResponse<String> response = web.getAsAdmin("/api/fields?from=now-1h");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode fields = json(response).get("fields");
    assertThat(fields).hasSize(3);
    assertThat(fields.get(2).get("name").asText()).isEqualTo("status");
    assertThat(fields.get(2).get("type").asText()).isEqualTo("numeric");
    assertThat(web.search.requests).containsExactly(List.of("fields", NOW.minusSeconds(3600), NOW));
  }

  @Test
  void fieldsRejectsABadRange() {
    HttpResponse<String> response = web.getAsAdmin("/api/fields?from=yesterday");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("parameter").asText()).isEqualTo("from");
  }

  @Test
  void contextReturnsNeighboursOfTheSameHostOldestFirst() {
    Instant t = NOW.minusSeconds(600);
    for (int i = 1; i <= 9; i++) {
      web.search.add(i, event(t.plusSeconds(i), i % 3 == 0 ? "db-1" : "web-1", "sshd", "m" + i));
    }

    HttpResponse<String> response =
        web.getAsAdmin("/api/events/5?t=" + t.plusSeconds(5) + "&before=2&after=3");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("anchor").get("id").asText()).isEqualTo("5");
    assertThat(messages(body.get("before"))).containsExactly("m2", "m4");
    assertThat(messages(body.get("after"))).containsExactly("m7", "m8");
    assertThat(body.get("anchor").has("highlight")).isFalse();
    ContextRequest request = (ContextRequest) web.search.requests.get(0);
    assertThat(request.timestamp()).isEqualTo(t.plusSeconds(5));
    assertThat(request.sameApp()).isFalse();
  }

  @Test
  void contextDefaultsTo50EachSideAndPassesSameApp() {
    web.search.add(1, event(NOW, "web-1", "sshd", "only"));

    HttpResponse<String> response =
        web.getAsAdmin("/api/events/1?t=2026-11-23T12:00:00.000Z&same_app=true");

    assertThat(response.statusCode()).isEqualTo(200);
    ContextRequest request = (ContextRequest) web.search.requests.get(0);
    assertThat(request.before()).isEqualTo(50);
    assertThat(request.after()).isEqualTo(50);
    assertThat(request.sameApp()).isTrue();
  }

  @Test
  void contextOfAnUnknownEventIs404() {
    HttpResponse<String> response = web.getAsAdmin("/api/events/42?t=" + NOW);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isEqualTo("not_found");
    assertThat(json(response).get("message").asText()).contains("event 42 not found");
  }

  @Test
  void contextRejectsBadParametersNamingThem() {
    assertBadParameter("/api/events/abc?t=" + NOW, "id");
    assertBadParameter("/api/events/1", "t");
    assertBadParameter("/api/events/1?t=noon", "t");
    assertBadParameter("/api/events/1?t=" + NOW + "&before=1001", "before");
    assertBadParameter("/api/events/1?t=" + NOW + "&after=-1", "after");
    assertBadParameter("/api/events/1?t=" + NOW + "&same_app=maybe", "same_app");
  }

  private void assertBadParameter(String path, String parameter) {
    HttpResponse<String> response = web.getAsAdmin(path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo("bad_request");
    assertThat(body.get("parameter").asText()).as(path).isEqualTo(parameter);
    assertThat(body.get("message").asText()).as(path).startsWith(parameter);
  }
}
