package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.AlertFixtures.check;
import static outpost.web.AlertFixtures.notification;
import static outpost.web.AlertFixtures.pending;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.CheckDetail;
import outpost.alerts.PerfSample;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.state.HistoryEvent;
import outpost.alerts.state.StateType;
import outpost.web.auth.UserStore;

/** The checks API of web/API.md against a real server on port 0 and {@link FakeAlertService}. */
class ChecksApiTest {
  @TempDir Path dataDir;
  private TestServer web;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
    web.alerts.put(
        check(1, "web-1", "http", Status.OK, "HTTP 200 in 0.01 s", NOW.minusSeconds(600)));
    web.alerts.put(
        check(2, "web-2", "http", Status.CRITICAL, "connection refused", NOW.minusSeconds(120)));
    web.alerts.put(check(3, "db-1", "disk", Status.WARNING, "disk 91% full", NOW.minusSeconds(60)));
    web.alerts.put(pending(4, "web-3", "tcp"));
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private static List<String> ids(JsonNode checks) {
    List<String> ids = new ArrayList<>();
    checks.forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  @Test
  void boardListsChecksWorstFirstWithTimeInStateAndCountsOverAll() {
    HttpResponse<String> response = web.getAsAdmin("/api/checks");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(ids(body.get("checks"))).containsExactly("2", "3", "1", "4");
    JsonNode web2 = body.get("checks").get(0);
    assertThat(web2.get("status").asText()).isEqualTo("critical");
    assertThat(web2.get("state_type").asText()).isEqualTo("hard");
    assertThat(web2.get("seconds_in_state").asLong()).isEqualTo(120);
    assertThat(web2.get("last_state_change").asText()).isEqualTo("2026-11-23T11:58:00.000Z");
    assertThat(web2.get("output").asText()).isEqualTo("connection refused");
    assertThat(web2.get("acknowledgement").isNull()).isTrue();
    JsonNode perf = web2.get("perf").get(0);
    assertThat(perf.get("label").asText()).isEqualTo("time");
    assertThat(perf.get("value").asDouble()).isEqualTo(0.25);
    assertThat(perf.get("max").isNull()).as("NaN becomes null").isTrue();
    assertThat(body.get("checks").get(3).get("status").asText()).isEqualTo("pending");
    assertThat(body.get("checks").get(3).get("last_check").isNull()).isTrue();
    JsonNode counts = body.get("counts");
    assertThat(counts.get("ok").asInt()).isEqualTo(1);
    assertThat(counts.get("critical").asInt()).isEqualTo(1);
    assertThat(counts.get("warning").asInt()).isEqualTo(1);
    assertThat(counts.get("pending").asInt()).isEqualTo(1);
  }

  @Test
  void boardFiltersByStateHostGlobAndSearch() {
    assertThat(ids(json(web.getAsAdmin("/api/checks?state=critical,warning")).get("checks")))
        .containsExactly("2", "3");
    assertThat(ids(json(web.getAsAdmin("/api/checks?host=WEB-*")).get("checks")))
        .containsExactly("2", "1", "4");
    assertThat(ids(json(web.getAsAdmin("/api/checks?q=REFUSED")).get("checks")))
        .containsExactly("2");
    JsonNode both = json(web.getAsAdmin("/api/checks?state=ok&host=web-?"));
    assertThat(ids(both.get("checks"))).containsExactly("1");
    assertThat(both.get("counts").get("critical").asInt()).as("counts ignore filters").isOne();
  }

  @Test
  void badBoardFiltersAre400NamingTheParameter() {
    HttpResponse<String> state = web.getAsAdmin("/api/checks?state=critical,broken");
    assertThat(state.statusCode()).isEqualTo(400);
    assertThat(json(state).get("parameter").asText()).isEqualTo("state");
    assertThat(json(state).get("message").asText()).contains("critical,broken");
    HttpResponse<String> q = web.getAsAdmin("/api/checks?q=" + "x".repeat(201));
    assertThat(q.statusCode()).isEqualTo(400);
    assertThat(json(q).get("message").asText()).contains("longer than 200 characters");
  }

  @Test
  void everyChecksRouteNeedsALogin() {
    for (String path :
        List.of("/api/checks", "/api/checks/2", "/api/notifications", "/api/downtimes")) {
      assertThat(web.get(path, null).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(web.send("POST", "/api/checks/2/ack", "{}").statusCode()).isEqualTo(401);
    assertThat(web.send("POST", "/api/checks/passive", "{}").statusCode()).isEqualTo(401);
    assertThat(web.alerts.get(2).acknowledgement()).isNull();
  }

  @Test
  void detailHasHistoryPerfNotificationsAndDefinition() {
    web.alerts.putDetail(
        new CheckDetail(
            web.alerts.get(2),
            List.of(
                new HistoryEvent(
                    2, NOW.minusSeconds(120), "STATE", Status.CRITICAL, StateType.HARD, 3, "down")),
            List.of(
                new PerfSample(
                    NOW.minusSeconds(60),
                    List.of(new PerfValue("time", Double.NaN, "s", "", "", null, null)))),
            List.of(notification(7, NOW.minusSeconds(100), 2, "CRITICAL web-2 http")),
            List.of(),
            Map.of("url", "http://web-2/health", "interval", "60s")));

    HttpResponse<String> response = web.getAsAdmin("/api/checks/2");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("check").get("host").asText()).isEqualTo("web-2");
    assertThat(body.get("history").get(0).get("kind").asText()).isEqualTo("STATE");
    assertThat(body.get("history").get(0).get("status").asText()).isEqualTo("critical");
    assertThat(body.get("perf").get(0).get("values").get(0).get("value").isNull()).isTrue();
    assertThat(body.get("notifications").get(0).get("id").asText()).isEqualTo("7");
    assertThat(body.get("definition").get("url").asText()).isEqualTo("http://web-2/health");
  }

  @Test
  void unknownOrMalformedCheckIdsAre404() {
    assertThat(web.getAsAdmin("/api/checks/99").statusCode()).isEqualTo(404);
    assertThat(json(web.getAsAdmin("/api/checks/abc")).get("error").asText())
        .isEqualTo("not_found");
    assertThat(web.sendAsAdmin("POST", "/api/checks/99/ack", "{}").statusCode()).isEqualTo(404);
    assertThat(web.sendAsAdmin("DELETE", "/api/checks/2/ack", null).statusCode())
        .as("not acknowledged")
        .isEqualTo(404);
    assertThat(web.sendAsAdmin("POST", "/api/checks/99/recheck", null).statusCode()).isEqualTo(404);
    assertThat(web.sendAsAdmin("DELETE", "/api/downtimes/5", null).statusCode()).isEqualTo(404);
  }

  @Test
  void acknowledgingWithASessionNeedsTheCsrfToken() {
    Login login = Login.as(web, UserStore.ADMIN, TestServer.PASSWORD);
    String body = "{\"comment\":\"on it\",\"sticky\":true}";

    HttpResponse<String> without =
        web.send("POST", "/api/checks/2/ack", body, "Cookie", login.cookie());
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(web.alerts.get(2).acknowledgement()).isNull();

    assertThat(login.send(web, "POST", "/api/checks/2/ack", body).statusCode()).isEqualTo(204);
    var ack = web.alerts.get(2).acknowledgement();
    assertThat(ack.author()).isEqualTo("admin");
    assertThat(ack.comment()).isEqualTo("on it");
    assertThat(ack.sticky()).isTrue();
    JsonNode shown = json(login.get(web, "/api/checks?state=critical")).get("checks").get(0);
    assertThat(shown.get("acknowledgement").get("author").asText()).isEqualTo("admin");

    assertThat(login.send(web, "DELETE", "/api/checks/2/ack", null).statusCode()).isEqualTo(204);
    assertThat(web.alerts.get(2).acknowledgement()).isNull();
  }

  @Test
  void acknowledgingAnOkCheckIsAConflictAndBadBodiesAre400() {
    HttpResponse<String> ok = web.sendAsAdmin("POST", "/api/checks/1/ack", "{}");
    assertThat(ok.statusCode()).isEqualTo(409);
    assertThat(json(ok).get("message").asText()).contains("nothing to acknowledge");

    HttpResponse<String> past =
        web.sendAsAdmin("POST", "/api/checks/2/ack", "{\"expires\":\"2020-01-01T00:00:00Z\"}");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(json(past).get("parameter").asText()).isEqualTo("expires");
    HttpResponse<String> noZone =
        web.sendAsAdmin("POST", "/api/checks/2/ack", "{\"expires\":\"2030-01-01T00:00\"}");
    assertThat(json(noZone).get("message").asText()).contains("ISO-8601");
    HttpResponse<String> garbage = web.sendAsAdmin("POST", "/api/checks/2/ack", "{\"comment\":");
    assertThat(garbage.statusCode()).isEqualTo(400);
    HttpResponse<String> long_ =
        web.sendAsAdmin("POST", "/api/checks/2/ack", "{\"comment\":\"" + "x".repeat(1001) + "\"}");
    assertThat(json(long_).get("message").asText()).contains("longer than 1000 characters");
    assertThat(web.alerts.get(2).acknowledgement()).isNull();

    assertThat(
            web.sendAsAdmin("POST", "/api/checks/2/ack", "{\"expires\":\"2026-11-23T13:00:00Z\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(web.alerts.get(2).acknowledgement().expires())
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void recheckAsksTheService() {
    assertThat(web.sendAsAdmin("POST", "/api/checks/3/recheck", null).statusCode()).isEqualTo(204);
    assertThat(web.alerts.rechecks).containsExactly(3L);
  }

  @Test
  void downtimesAreScheduledListedAndCancelled() {
    HttpResponse<String> created =
        web.sendAsAdmin(
            "POST",
            "/api/downtimes",
            "{\"host\":\"web-2\",\"duration_seconds\":3600,\"comment\":\"deploy\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode d = json(created);
    assertThat(d.get("start").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(d.get("end").asText()).isEqualTo("2026-11-23T13:00:00.000Z");
    assertThat(d.get("fixed").asBoolean()).isTrue();
    assertThat(d.get("active").asBoolean()).isTrue();
    assertThat(d.get("author").asText()).isEqualTo("admin");

    HttpResponse<String> flexible =
        web.sendAsAdmin(
            "POST",
            "/api/downtimes",
            "{\"host\":\"db-1\",\"service\":\"disk\",\"fixed\":false,\"duration_seconds\":600,"
                + "\"end\":\"2026-11-23T18:00:00Z\"}");
    assertThat(flexible.statusCode()).isEqualTo(201);
    assertThat(json(flexible).get("duration_seconds").asLong()).isEqualTo(600);
    assertThat(json(flexible).get("active").asBoolean()).as("not triggered yet").isFalse();

    JsonNode list = json(web.getAsAdmin("/api/downtimes")).get("downtimes");
    assertThat(list).hasSize(2);
    String id = d.get("id").asText();
    assertThat(web.sendAsAdmin("DELETE", "/api/downtimes/" + id, null).statusCode()).isEqualTo(204);
    assertThat(json(web.getAsAdmin("/api/downtimes")).get("downtimes")).hasSize(1);
  }

  @Test
  void badDowntimesAre400NamingTheField() {
    assertThat(field(web.sendAsAdmin("POST", "/api/downtimes", "{\"duration_seconds\":60}")))
        .isEqualTo("host");
    assertThat(field(web.sendAsAdmin("POST", "/api/downtimes", "{\"host\":\"web-2\"}")))
        .isEqualTo("end");
    assertThat(
            field(
                web.sendAsAdmin(
                    "POST",
                    "/api/downtimes",
                    "{\"host\":\"web-2\",\"fixed\":false,\"end\":\"2026-11-23T13:00:00Z\"}")))
        .isEqualTo("duration_seconds");
    assertThat(
            field(
                web.sendAsAdmin(
                    "POST",
                    "/api/downtimes",
                    "{\"host\":\"web-2\",\"start\":\"2026-11-23T13:00:00Z\","
                        + "\"end\":\"2026-11-23T12:30:00Z\"}")))
        .isEqualTo("end");
    assertThat(
            field(
                web.sendAsAdmin(
                    "POST", "/api/downtimes", "{\"host\":\"web-2\",\"duration_seconds\":0}")))
        .isEqualTo("duration_seconds");
    HttpResponse<String> unknown =
        web.sendAsAdmin("POST", "/api/downtimes", "{\"host\":\"nope\",\"duration_seconds\":60}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("message").asText()).contains("unknown host 'nope'");
    assertThat(web.alerts.downtimes()).isEmpty();
  }

  private static String field(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return json(response).get("parameter").asText();
  }

  @Test
  void notificationsAreNewestFirstWithALimit() {
    web.alerts.addNotification(notification(1, NOW.minusSeconds(300), 2, "first"));
    web.alerts.addNotification(notification(2, NOW.minusSeconds(100), 2, "second"));

    JsonNode list = json(web.getAsAdmin("/api/notifications")).get("notifications");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("text").asText()).isEqualTo("second");
    assertThat(list.get(0).get("check_id").asText()).isEqualTo("2");
    assertThat(list.get(0).get("sent_at").asText()).isEqualTo("2026-11-23T11:58:21.000Z");
    assertThat(list.get(0).get("next_attempt").isNull()).isTrue();
    assertThat(web.alerts.lastNotificationLimit).isEqualTo(100);
    assertThat(json(web.getAsAdmin("/api/notifications?limit=1")).get("notifications")).hasSize(1);
    assertThat(web.getAsAdmin("/api/notifications?limit=0").statusCode()).isEqualTo(400);
    assertThat(web.getAsAdmin("/api/notifications?limit=1001").statusCode()).isEqualTo(400);
  }

  @Test
  void passiveResultsTakeCodesOrNamesAndRefuseBadOnes() {
    assertThat(
            web.sendAsAdmin(
                    "POST",
                    "/api/checks/passive",
                    "{\"host\":\"web-9\",\"service\":\"backup\",\"status\":2,"
                        + "\"output\":\"backup failed | age=90000s\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            web.sendAsAdmin(
                    "POST",
                    "/api/checks/passive",
                    "{\"host\":\"web-9\",\"service\":\"backup\",\"status\":\"Warning\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(web.alerts.passive).hasSize(2);
    assertThat(web.alerts.passive.get(0).status()).isEqualTo(Status.CRITICAL);
    assertThat(web.alerts.passive.get(0).output()).isEqualTo("backup failed | age=90000s");
    assertThat(web.alerts.passive.get(1).status()).isEqualTo(Status.WARNING);

    assertThat(field(web.sendAsAdmin("POST", "/api/checks/passive", "{\"status\":0}")))
        .isEqualTo("host");
    assertThat(
            field(web.sendAsAdmin("POST", "/api/checks/passive", "{\"host\":\"a\",\"status\":4}")))
        .isEqualTo("status");
    assertThat(
            field(
                web.sendAsAdmin(
                    "POST", "/api/checks/passive", "{\"host\":\"a\",\"status\":\"down\"}")))
        .isEqualTo("status");
    assertThat(field(web.sendAsAdmin("POST", "/api/checks/passive", "{\"host\":\"a\"}")))
        .isEqualTo("status");
    HttpResponse<String> refused =
        web.sendAsAdmin(
            "POST", "/api/checks/passive", "{\"host\":\"a\",\"status\":0,\"output\":\"x\\u0000\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("message").asText()).contains("NUL");
    assertThat(web.alerts.passive).hasSize(2);
  }

  @Test
  void overviewCarriesCountsAndUnhandledProblems() {
    JsonNode checks = json(web.getAsAdmin("/api/overview")).get("checks");

    assertThat(checks.get("critical").asInt()).isOne();
    assertThat(checks.get("warning").asInt()).isOne();
    assertThat(checks.get("ok").asInt()).isOne();
    assertThat(checks.get("pending").asInt()).isOne();
    assertThat(ids(checks.get("problems"))).containsExactly("2", "3");
  }
}
