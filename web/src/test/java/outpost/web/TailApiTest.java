package outpost.web;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static outpost.web.TestServer.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;
import outpost.web.auth.UserStore;

class TailApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = TestServer.basic(UserStore.ADMIN, TestServer.PASSWORD);

  @TempDir Path dataDir;
  private TestServer web;
  private final List<SseReader> readers = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    readers.forEach(SseReader::close);
    web.close();
  }

  private SseReader open(String query) throws IOException, InterruptedException {
    SseReader reader =
        SseReader.open(
            web.uri("/api/tail?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)), ADMIN);
    readers.add(reader);
    return reader;
  }

  private static LogEvent event(String message) {
    return new LogEvent(
        NOW, NOW, "web-1", "nginx", "", "", 3, 3, message, "<27>" + message, Map.of(), "tcp", "");
  }

  private static JsonNode data(SseReader.Event event) throws IOException {
    return JSON.readTree(event.data());
  }

  @Test
  void deliversMatchingEventsOldestFirstWithHighlights() throws Exception {
    SseReader reader = open("timeout");
    assertThat(reader.status).isEqualTo(200);
    assertThat(reader.headers.firstValue("Content-Type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("text/event-stream"));
    await().atMost(5, SECONDS).until(() -> web.tail.openSubscriptions() == 1);

    web.tail.publish(1, event("upstream timeout <script>"));
    web.tail.publish(2, event("all fine"));
    web.tail.publish(3, event("second timeout"));

    JsonNode hits = data(reader.next("hits"));
    List<String> messages = new ArrayList<>();
    hits.get("hits").forEach(h -> messages.add(h.get("message").asText()));
    if (messages.size() < 2) {
      data(reader.next("hits")).get("hits").forEach(h -> messages.add(h.get("message").asText()));
    }
    assertThat(messages).containsExactly("upstream timeout <script>", "second timeout");
    JsonNode first = hits.get("hits").get(0);
    assertThat(first.get("id").asText()).isEqualTo("1");
    assertThat(first.get("highlight").get("message").get(0).get(0).asInt()).isEqualTo(9);
    assertThat(first.get("highlight").get("message").get(0).get(1).asInt()).isEqualTo(16);
    assertThat(hits.get("dropped").asLong()).isZero();
  }

  @Test
  void escapesHtmlInsideTheStream() throws Exception {
    SseReader reader = open("");
    await().atMost(5, SECONDS).until(() -> web.tail.openSubscriptions() == 1);

    web.tail.publish(1, event("<img src=x onerror=alert(1)>"));

    SseReader.Event hits = reader.next("hits");
    assertThat(hits.data()).doesNotContain("<img").contains("\\u003Cimg");
    assertThat(data(hits).get("hits").get(0).get("message").asText())
        .isEqualTo("<img src=x onerror=alert(1)>");
  }

  @Test
  void sendsStatsEverySecondWithoutHits() throws Exception {
    SseReader reader = open("");

    JsonNode stats = data(reader.next("stats"));

    assertThat(stats.get("hits")).isEmpty();
    assertThat(stats.get("matched").asLong()).isZero();
    assertThat(stats.get("dropped").asLong()).isZero();
    assertThat(stats.get("rate").asDouble()).isZero();
  }

  @Test
  void dropsAndCountsMatchesBeyondTheStreamCapacity() throws Exception {
    SseReader reader = open("");
    await().atMost(5, SECONDS).until(() -> web.tail.openSubscriptions() == 1);
    assertThat(web.tail.subscriptions.get(0).capacity).isEqualTo(5_000);

    for (int i = 0; i < 6_000; i++) {
      web.tail.publish(i, event("burst " + i));
    }

    long delivered = 0;
    JsonNode last = null;
    while (delivered + (last == null ? 0 : last.get("dropped").asLong()) < 6_000) {
      SseReader.Event e = reader.next("hits");
      assertThat(e).as("hits event").isNotNull();
      last = data(e);
      assertThat(last.get("hits").size()).isLessThanOrEqualTo(500);
      delivered += last.get("hits").size();
    }
    assertThat(last.get("matched").asLong()).isEqualTo(6_000);
    assertThat(last.get("dropped").asLong()).isPositive().isEqualTo(6_000 - delivered);
    assertThat(last.get("rate").asDouble()).isPositive();
  }

  @Test
  void aBadQueryIs400BeforeTheStreamStarts() throws Exception {
    SseReader reader = open("status:((");

    assertThat(reader.status).isEqualTo(400);
    JsonNode body = JSON.readTree(reader.body());
    assertThat(body.get("error").asText()).isEqualTo("bad_request");
    assertThat(body.get("message").asText()).isEqualTo(FakeLogSearch.PARSE_ERROR);
    assertThat(web.tail.openSubscriptions()).isZero();
  }

  @Test
  void refusesASixthStreamOfOneUserWith429() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(open("").status).isEqualTo(200);
    }

    SseReader sixth = open("");

    assertThat(sixth.status).isEqualTo(429);
    assertThat(sixth.headers.firstValue("Retry-After")).contains("5");
    JsonNode body = JSON.readTree(sixth.body());
    assertThat(body.get("error").asText()).isEqualTo("too_many_requests");
    assertThat(body.get("message").asText()).contains("limit is 5 per user");
  }

  @Test
  void closesTheSubscriptionWhenTheClientDisconnectsAndFreesTheSlot() throws Exception {
    for (int i = 0; i < 5; i++) {
      open("");
    }
    await().atMost(5, SECONDS).until(() -> web.tail.openSubscriptions() == 5);

    readers.get(0).close();

    await().atMost(10, SECONDS).until(() -> web.tail.openSubscriptions() == 4);
    await().atMost(10, SECONDS).untilAsserted(() -> assertThat(open("").status).isEqualTo(200));
  }

  @Test
  void closingTheServerEndsEveryStream() throws Exception {
    open("");
    open("a");
    await().atMost(5, SECONDS).until(() -> web.tail.openSubscriptions() == 2);

    web.server.close();

    await().atMost(10, SECONDS).until(() -> web.tail.openSubscriptions() == 0);
  }

  @Test
  void needsALogin() throws Exception {
    SseReader reader =
        SseReader.open(web.uri("/api/tail"), TestServer.basic("admin", "wrong password!"));
    readers.add(reader);

    assertThat(reader.status).isEqualTo(401);
  }
}
