package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.FacetRequest;
import outpost.index.HistogramRequest;
import outpost.index.LogEvent;
import outpost.index.SearchRequest;

class SearchApiTest {
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

  private static LogEvent event(Instant timestamp, String host, String message) {
    return new LogEvent(
        timestamp,
        timestamp.plusMillis(5),
        host,
        "sshd",
        "",
        "",
        3,
        3,
        message,
        "<27>" + message,
        Map.of(),
        "udp",
        "");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchReturnsHitsNewestFirstWithAllFields() {
    Instant t = Instant.parse("2026-11-23T11:00:00.123456Z");
    web.search.add(
        9_007_199_254_740_993L,
        new LogEvent(
            t,
            Instant.parse("2026-11-23T11:00:01Z"),
            "web-1",
            "apache",
            "4242",
            "ACCESS",
            3,
            3,
            "GET /index.html 200",
            "<27>1 2026-11-23T11:00:00.123456Z web-1 apache 4242 ACCESS - GET /index.html 200",
            Map.of("status", "200", "path", "/index.html"),
            "tcp",
            ""));
    web.search.add(1, event(t.minusSeconds(60), "db-1", "older"));

    HttpResponse<String> response = web.getAsAdmin("/api/search");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
    JsonNode body = json(response);
    assertThat(body.get("total").asLong()).isEqualTo(2);
    assertThat(body.get("next").isNull()).isTrue();
    JsonNode hit = body.get("hits").get(0);
    assertThat(hit.get("id").isTextual()).isTrue();
    assertThat(hit.get("id").asText()).isEqualTo("9007199254740993");
    assertThat(hit.get("timestamp").asText()).isEqualTo("2026-11-23T11:00:00.123456Z");
    assertThat(hit.get("received").asText()).isEqualTo("2026-11-23T11:00:01.000Z");
    assertThat(hit.get("host").asText()).isEqualTo("web-1");
    assertThat(hit.get("app").asText()).isEqualTo("apache");
    assertThat(hit.get("facility").asText()).isEqualTo("daemon");
    assertThat(hit.get("severity").asText()).isEqualTo("err");
    assertThat(hit.get("message").asText()).isEqualTo("GET /index.html 200");
    assertThat(hit.get("raw").asText()).startsWith("<27>1 2026-11-23T11:00:00.123456Z");
    assertThat(hit.get("fields").get("status").asText()).isEqualTo("200");
    assertThat(hit.get("fields").get("path").asText()).isEqualTo("/index.html");
    assertThat(hit.get("procid").asText()).isEqualTo("4242");
    assertThat(hit.get("msgid").asText()).isEqualTo("ACCESS");
    assertThat(hit.get("transport").asText()).isEqualTo("tcp");
    assertThat(hit.has("parse_error")).isFalse();
    JsonNode older = body.get("hits").get(1);
    assertThat(older.get("host").asText()).isEqualTo("db-1");
    assertThat(older.has("procid")).isFalse();
    assertThat(older.has("msgid")).isFalse();
  }

  @Test
  void searchReportsParseErrorOfUnparsedEvents() {
    web.search.add(
        7,
        new LogEvent(
            NOW.minusSeconds(1),
            NOW.minusSeconds(1),
            "10.0.0.9",
            "",
            "",
            "",
            1,
            5,
            "",
            "\u0001junk",
            Map.of(),
            "udp",
            "no PRI"));

    JsonNode hit = json(web.getAsAdmin("/api/search")).get("hits").get(0);

    assertThat(hit.get("parse_error").asText()).isEqualTo("no PRI");
    assertThat(hit.get("raw").asText()).isEqualTo("\u0001junk");
  }

  @Test
  void searchDefaultsToTheLast24HoursAndLimit100() {
    web.getAsAdmin("/api/search");

    SearchRequest request = (SearchRequest) web.search.requests.get(0);
    assertThat(request.to()).isEqualTo(NOW);
    assertThat(request.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    assertThat(request.limit()).isEqualTo(100);
    assertThat(request.query()).isEmpty();
    assertThat(request.after()).isEmpty();
  }

  @Test
  void searchPassesQueryRangeLimitAndCursorThrough() {
    HttpResponse<String> response =
        web.getAsAdmin(
            "/api/search?q="
                + enc("host:web-* AND status:[500 TO 599]")
                + "&from="
                + enc("2026-11-23T10:00:00+01:00")
                + "&to=2026-11-24&limit=5&after="
                + enc("offset:3"));

    assertThat(response.statusCode()).isEqualTo(200);
    SearchRequest request = (SearchRequest) web.search.requests.get(0);
    assertThat(request.query()).isEqualTo("host:web-* AND status:[500 TO 599]");
    assertThat(request.from()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(request.to()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(request.limit()).isEqualTo(5);
    assertThat(request.after()).isEqualTo("offset:3");
  }

  @Test
  void searchPagesWithTheCursor() {
    for (int i = 0; i < 5; i++) {
      web.search.add(i, event(NOW.minusSeconds(60 - i), "h", "m" + i));
    }

    JsonNode first = json(web.getAsAdmin("/api/search?limit=2"));
    JsonNode second =
        json(web.getAsAdmin("/api/search?limit=2&after=" + enc(first.get("next").asText())));

    assertThat(first.get("hits")).extracting(h -> h.get("id").asText()).containsExactly("4", "3");
    assertThat(second.get("hits")).extracting(h -> h.get("id").asText()).containsExactly("2", "1");
    assertThat(second.get("next").asText()).isEqualTo("offset:4");
  }

  @Test
  void relativeTimesCountFromOneNowPerRequest() {
    web.clock.advance(Duration.ofNanos(123_456_789));
    Instant now = NOW.plusMillis(123);

    web.getAsAdmin("/api/search?from=now-15m&to=now");
    web.getAsAdmin("/api/histogram?from=now-2h&to=now-1h");

    SearchRequest search = (SearchRequest) web.search.requests.get(0);
    assertThat(search.from()).isEqualTo(now.minus(Duration.ofMinutes(15)));
    assertThat(search.to()).isEqualTo(now);
    HistogramRequest histogram = (HistogramRequest) web.search.requests.get(1);
    assertThat(histogram.from()).isEqualTo(now.minus(Duration.ofHours(2)));
    assertThat(histogram.to()).isEqualTo(now.minus(Duration.ofHours(1)));
  }

  @Test
  void relativeFromBeforeAbsoluteToIsResolvedAgainstNow() {
    HttpResponse<String> response =
        web.getAsAdmin("/api/search?from=now-1h&to=2026-11-23T11:00:00Z");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asText())
        .isEqualTo("from 'now-1h': must be before to (2026-11-23T11:00:00.000Z)");
  }

  @Test
  void badQueryIs400WithTheParsersReason() {
    HttpResponse<String> response = web.getAsAdmin("/api/search?q=" + enc("status:(("));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo("bad_request");
    assertThat(body.get("message").asText()).isEqualTo(FakeLogSearch.PARSE_ERROR);
  }

  @Test
  void badFromIs400NamingParameterAndValue() {
    HttpResponse<String> response = web.getAsAdmin("/api/search?from=yesterday");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("parameter").asText()).isEqualTo("from");
    assertThat(body.get("message").asText())
        .startsWith("from 'yesterday': expected an ISO-8601 instant");
  }

  @Test
  void fromAfterToIs400() {
    HttpResponse<String> response =
        web.getAsAdmin("/api/search?from=2026-11-23T12:00:00Z&to=2026-11-23T11:00:00Z");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asText())
        .isEqualTo("from '2026-11-23T12:00:00Z': must be before to (2026-11-23T11:00:00.000Z)");
  }

  @Test
  void badLimitIs400NamingParameterAndValue() {
    for (String limit : new String[] {"0", "10001", "-1", "ten", "99999999999"}) {
      HttpResponse<String> response = web.getAsAdmin("/api/search?limit=" + limit);

      assertThat(response.statusCode()).as(limit).isEqualTo(400);
      JsonNode body = json(response);
      assertThat(body.get("parameter").asText()).isEqualTo("limit");
      assertThat(body.get("message").asText()).as(limit).startsWith("limit '" + limit + "': ");
    }
    assertThat(web.search.requests).isEmpty();
  }

  @Test
  void overlongQueryIs400() {
    HttpResponse<String> response = web.getAsAdmin("/api/search?q=" + "a".repeat(4097));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asText()).endsWith("longer than 4096 characters");
  }

  @Test
  void hostileContentComesBackAsEscapedJsonData() {
    String hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    web.search.add(1, event(NOW.minusSeconds(1), "<b>evil</b>", hostile));

    HttpResponse<String> response = web.getAsAdmin("/api/search");

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.body()).doesNotContain("<").doesNotContain(">").contains("\\u003Cscript");
    JsonNode hit = json(response).get("hits").get(0);
    assertThat(hit.get("message").asText()).isEqualTo(hostile);
    assertThat(hit.get("host").asText()).isEqualTo("<b>evil</b>");
  }

  @Test
  void histogramReturnsEveryBucket() {
    web.search.add(1, event(Instant.parse("2026-11-23T10:10:00Z"), "h", "a"));
    web.search.add(2, event(Instant.parse("2026-11-23T10:50:00Z"), "h", "b"));
    web.search.add(3, event(Instant.parse("2026-11-23T10:55:00Z"), "h", "c"));

    HttpResponse<String> response =
        web.getAsAdmin(
            "/api/histogram?from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&buckets=2");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("interval_ms").asLong()).isEqualTo(1_800_000);
    assertThat(body.get("buckets")).hasSize(2);
    assertThat(body.at("/buckets/0/start").asText()).isEqualTo("2026-11-23T10:00:00.000Z");
    assertThat(body.at("/buckets/0/count").asLong()).isEqualTo(1);
    assertThat(body.at("/buckets/1/start").asText()).isEqualTo("2026-11-23T10:30:00.000Z");
    assertThat(body.at("/buckets/1/count").asLong()).isEqualTo(2);
  }

  @Test
  void histogramDefaultsTo60Buckets() {
    JsonNode body = json(web.getAsAdmin("/api/histogram?q=x"));

    assertThat(body.get("buckets")).hasSize(60);
    assertThat(((HistogramRequest) web.search.requests.get(0)).buckets()).isEqualTo(60);
  }

  @Test
  void histogramRefusesTooManyBuckets() {
    HttpResponse<String> response = web.getAsAdmin("/api/histogram?buckets=1001");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("parameter").asText()).isEqualTo("buckets");
  }

  @Test
  void facetsReturnTopValues() {
    web.search.add(1, event(NOW.minusSeconds(3), "web-1", "a"));
    web.search.add(2, event(NOW.minusSeconds(2), "web-1", "b"));
    web.search.add(3, event(NOW.minusSeconds(1), "web-2", "c"));

    HttpResponse<String> response = web.getAsAdmin("/api/facets?field=host&size=1");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("field").asText()).isEqualTo("host");
    assertThat(body.get("total").asLong()).isEqualTo(3);
    assertThat(body.get("missing").asLong()).isZero();
    assertThat(body.get("values")).hasSize(1);
    assertThat(body.at("/values/0/value").asText()).isEqualTo("web-1");
    assertThat(body.at("/values/0/count").asLong()).isEqualTo(2);
  }

  @Test
  void facetsDefaultTo10Values() {
    web.getAsAdmin("/api/facets?field=status");

    assertThat(((FacetRequest) web.search.requests.get(0)).size()).isEqualTo(10);
  }

  @Test
  void facetsNeedAWellFormedField() {
    HttpResponse<String> missing = web.getAsAdmin("/api/facets");
    HttpResponse<String> hostile = web.getAsAdmin("/api/facets?field=" + enc("<script>"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("message").asText()).isEqualTo("field: is required");
    assertThat(hostile.statusCode()).isEqualTo(400);
    assertThat(json(hostile).get("parameter").asText()).isEqualTo("field");
  }

  @Test
  void topValuesCountSeveralFieldsInOneRequest() {
    web.search.add(1, event(NOW.minusSeconds(3), "web-1", "a"));
    web.search.add(2, event(NOW.minusSeconds(2), "web-1", "b"));
    web.search.add(3, event(NOW.minusSeconds(1), "web-2", "c"));

    HttpResponse<String> response =
        web.getAsAdmin("/api/top-values?field=host&field=severity&size=1");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode facets = json(response).get("facets");
    assertThat(facets).hasSize(2);
    assertThat(facets.at("/0/field").asText()).isEqualTo("host");
    assertThat(facets.at("/0/values/0/value").asText()).isEqualTo("web-1");
    assertThat(facets.at("/0/values/0/count").asLong()).isEqualTo(2);
    assertThat(facets.at("/1/field").asText()).isEqualTo("severity");
    assertThat(facets.at("/1/total").asLong()).isEqualTo(3);
  }

  @Test
  void topValuesNeedOneToTwentyWellFormedFields() {
    HttpResponse<String> none = web.getAsAdmin("/api/top-values");
    HttpResponse<String> hostile = web.getAsAdmin("/api/top-values?field=host&field=" + enc("<b>"));
    HttpResponse<String> twice = web.getAsAdmin("/api/top-values?field=host&field=host");

    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(json(none).get("parameter").asText()).isEqualTo("field");
    assertThat(hostile.statusCode()).isEqualTo(400);
    assertThat(json(hostile).get("message").asText()).contains("must match");
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(json(twice).get("message").asText()).contains("distinct");
  }

  @Test
  void failingSearchIs500WithoutInternals() {
    HttpResponse<String> response = web.getAsAdmin("/api/search?q=" + FakeLogSearch.FAIL);

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo("internal_error");
    assertThat(body.get("message").asText()).startsWith("internal error, incident ");
    assertThat(response.body()).doesNotContain(FakeLogSearch.FAILURE_DETAIL);
  }

  @Test
  void searchHitsCarryHighlightsOfMessageAndFields() {
    web.search.add(
        1,
        new LogEvent(
            NOW.minusSeconds(1),
            NOW.minusSeconds(1),
            "web-1",
            "nginx",
            "",
            "",
            3,
            3,
            "upstream timeout after timeout",
            "",
            Map.of("path", "/timeout", "status", "504"),
            "",
            ""));
    web.search.add(2, event(NOW.minusSeconds(2), "web-1", "no match here timeout-free"));

    JsonNode body = json(web.getAsAdmin("/api/search?q=timeout"));

    JsonNode highlight = body.get("hits").get(0).get("highlight");
    assertThat(highlight.get("message").toString()).isEqualTo("[[9,16],[23,30]]");
    assertThat(highlight.get("path").toString()).isEqualTo("[[1,8]]");
    assertThat(highlight.has("status")).isFalse();
    assertThat(highlight.has("host")).isFalse();
  }

  @Test
  void searchHitsHaveNoHighlightForABlankQuery() {
    web.search.add(1, event(NOW.minusSeconds(1), "web-1", "anything"));

    JsonNode hit = json(web.getAsAdmin("/api/search")).get("hits").get(0);

    assertThat(hit.has("highlight")).isFalse();
  }
}
