package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.HostInfo;
import outpost.index.LogEvent;

class OverviewApiTest {
  private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

  @TempDir Path dataDir;
  private TestServer web;
  private long nextId = 1;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private void add(Instant t, int severity, String status, String message) {
    Map<String, String> fields = new HashMap<>();
    if (status != null) {
      fields.put("status", status);
    }
    web.search.add(
        nextId++,
        new LogEvent(t, t, "web-1", "app", "", "", 3, severity, message, message, fields, "", ""));
  }

  private static Instant minutesAgo(Instant from, int minutes) {
    return from.minus(Duration.ofMinutes(minutes));
  }

  @Test
  void comparesTheLastHourWithTheSameHourYesterday() {
    add(minutesAgo(NOW, 30), 3, null, "disk error");
    add(minutesAgo(NOW, 10), 0, null, "kernel panic");
    add(minutesAgo(NOW, 5), 6, null, "just info");
    add(minutesAgo(NOW, 90), 3, null, "older than an hour");
    add(minutesAgo(YESTERDAY, 30), 2, null, "crit yesterday");
    add(minutesAgo(NOW, 20), 6, "503", "GET / 503");
    add(minutesAgo(NOW, 20), 6, "200", "GET / 200");
    add(minutesAgo(NOW, 1), 6, "404", "GET /x 404");
    add(minutesAgo(YESTERDAY, 2), 6, "500", "GET / 500");

    HttpResponse<String> response = web.getAsAdmin("/api/overview");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("now").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(body.get("errors").get("last_hour").asLong()).isEqualTo(2);
    assertThat(body.get("errors").get("same_hour_yesterday").asLong()).isEqualTo(1);
    assertThat(body.get("http_5xx").get("last_hour").asLong()).isEqualTo(1);
    assertThat(body.get("http_5xx").get("same_hour_yesterday").asLong()).isEqualTo(1);
    assertThat(body.get("requests").get("last_hour").asLong()).isEqualTo(3);
    assertThat(body.get("requests").get("same_hour_yesterday").asLong()).isEqualTo(1);
    JsonNode newest = body.get("newest_errors");
    assertThat(newest).hasSize(3);
    assertThat(newest.get(0).get("message").asText()).isEqualTo("kernel panic");
    assertThat(newest.get(0).get("severity").asText()).isEqualTo("emerg");
    assertThat(newest.get(2).get("message").asText()).isEqualTo("older than an hour");
    // no checks in the fake: zero counts, no problems (ChecksApiTest covers a populated summary)
    assertThat(body.get("checks").get("critical").asInt()).isZero();
    assertThat(body.get("checks").get("problems")).isEmpty();
  }

  @Test
  void perMinuteCoversTheLastSixtyMinutesEndingWithTheCurrentOne() {
    web.clock.advance(Duration.ofSeconds(30));
    add(NOW.plusSeconds(10), 6, null, "this minute");
    add(minutesAgo(NOW, 59), 6, null, "first minute");
    add(minutesAgo(NOW, 60), 6, null, "too old");

    JsonNode perMinute = json(web.getAsAdmin("/api/overview")).get("per_minute");

    assertThat(perMinute.get("interval_ms").asLong()).isEqualTo(60_000);
    JsonNode buckets = perMinute.get("buckets");
    assertThat(buckets).hasSize(60);
    assertThat(buckets.get(0).get("start").asText()).isEqualTo("2026-11-23T11:01:00.000Z");
    assertThat(buckets.get(0).get("count").asLong()).isEqualTo(1);
    assertThat(buckets.get(59).get("start").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(buckets.get(59).get("count").asLong()).isEqualTo(1);
  }

  @Test
  void summarisesHostsFromTheDirectory() {
    web.hosts.put(FakeHostDirectory.host("busy", NOW.minusSeconds(5), NOW, List.of(50L, 60L)));
    web.hosts.put(FakeHostDirectory.host("calm", NOW.minusSeconds(5), NOW, List.of(1L)));
    web.hosts.put(
        FakeHostDirectory.host("gone", minutesAgo(NOW, 30), minutesAgo(NOW, 30), List.of(7L)));
    web.hosts.put(
        FakeHostDirectory.host("ancient", minutesAgo(NOW, 300), minutesAgo(NOW, 300), List.of(3L)));
    web.hosts.put(FakeHostDirectory.host("scaled-in", minutesAgo(NOW, 40), NOW, List.of()));
    web.hosts.retire("scaled-in");

    JsonNode body = json(web.getAsAdmin("/api/overview"));

    JsonNode top = body.get("top_hosts");
    assertThat(top).hasSize(3);
    assertThat(top.get(0).get("name").asText()).isEqualTo("busy");
    assertThat(top.get(0).get("messages_last_hour").asLong()).isEqualTo(110);
    assertThat(top.get(0).get("per_minute")).hasSize(HostInfo.MINUTES);
    assertThat(top.get(1).get("name").asText()).isEqualTo("gone");
    assertThat(top.get(2).get("name").asText()).isEqualTo("calm");
    JsonNode silent = body.get("silent_hosts");
    assertThat(silent).hasSize(2);
    assertThat(silent.get(0).get("name").asText()).isEqualTo("gone");
    assertThat(silent.get(0).get("silent_seconds").asLong()).isEqualTo(1800);
    assertThat(silent.get(0).get("last_seen").asText()).isEqualTo("2026-11-23T11:30:00.000Z");
    assertThat(silent.get(1).get("name").asText()).isEqualTo("ancient");
    JsonNode hosts = body.get("hosts");
    assertThat(hosts.get("total").asLong()).isEqualTo(5);
    assertThat(hosts.get("active").asLong()).isEqualTo(2);
    assertThat(hosts.get("silent").asLong()).isEqualTo(2);
    assertThat(hosts.get("retired").asLong()).isEqualTo(1);
  }

  @Test
  void aBrokenStoreIs500WithoutDetails() {
    add(NOW.minusSeconds(1), 3, null, "x");
    web.search.failAll = true;

    HttpResponse<String> response = web.getAsAdmin("/api/overview");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain(FakeLogSearch.FAILURE_DETAIL);
  }
}
