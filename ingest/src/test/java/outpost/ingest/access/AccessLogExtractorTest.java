package outpost.ingest.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import outpost.ingest.syslog.Fixtures;

class AccessLogExtractorTest {
  private final AccessLogExtractor extractor = new AccessLogExtractor();

  private Map<String, String> fields(String line) {
    AccessLogEntry entry = extractor.extract(line).orElseThrow(() -> new AssertionError(line));
    Map<String, String> fields = new HashMap<>();
    entry.addTo(fields);
    return fields;
  }

  @Test
  void extractsEveryLineOfTheElasticApacheSample() {
    List<String> lines = Fixtures.textLines("apache/access_combined_elastic.log");
    assertThat(lines).hasSize(7000);
    int dashBytes = 0;
    for (String line : lines) {
      AccessLogEntry entry = extractor.extract(line).orElseThrow(() -> new AssertionError(line));
      assertThat(entry.status()).isBetween(100, 599);
      assertThat(entry.method()).isIn("GET", "HEAD", "POST");
      assertThat(entry.protocol()).isIn("HTTP/1.0", "HTTP/1.1");
      assertThat(entry.accessTime().toString()).startsWith("2015-05-1");
      assertThat(entry.durationMicros()).isEqualTo(-1);
      if (line.contains("\" " + entry.status() + " - ")) {
        assertThat(entry.bytes()).isZero();
        dashBytes++;
      }
    }
    assertThat(dashBytes).isEqualTo(542);
  }

  @Test
  void extractsTheFirstElasticLineField() {
    assertThat(fields(Fixtures.textLines("apache/access_combined_elastic.log").get(0)))
        .containsOnly(
            Map.entry("client_ip", "83.149.9.216"),
            Map.entry("access_time", "2015-05-17T10:05:03Z"),
            Map.entry("method", "GET"),
            Map.entry("path", "/presentations/logstash-monitorama-2013/images/kibana-search.png"),
            Map.entry("protocol", "HTTP/1.1"),
            Map.entry("status", "200"),
            Map.entry("bytes", "203023"),
            Map.entry("referer", "http://semicomplete.com/presentations/logstash-monitorama-2013/"),
            Map.entry(
                "user_agent",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) Chrome/32.0.1700.77 Safari/537.36"));
  }

  @Test
  void readsCommonFormatWithUserAndOffset() {
    assertThat(
            fields(
                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326"))
        .containsEntry("user", "frank")
        .containsEntry("access_time", "2000-10-10T20:55:36Z")
        .containsEntry("bytes", "2326")
        .doesNotContainKeys("referer", "user_agent", "duration", "vhost");
  }

  @Test
  void readsVhostPrefixesWithAndWithoutPort() {
    String tail =
        " 10.0.0.5 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"";
    assertThat(fields("www.example.com:443" + tail))
        .containsEntry("vhost", "www.example.com")
        .containsEntry("vhost_port", "443")
        .containsEntry("client_ip", "10.0.0.5");
    assertThat(fields("www.example.com" + tail))
        .containsEntry("vhost", "www.example.com")
        .doesNotContainKey("vhost_port");
  }

  @Test
  void readsTrailingDurations() {
    String line = "::1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\" ";
    assertThat(fields(line + "1534"))
        .containsEntry("duration", "1534")
        .containsEntry("client_ip", "::1");
    assertThat(fields(line + "0.250")).containsEntry("duration", "250000");
    assertThat(
            new AccessLogExtractor(AccessLogExtractor.IntegerDuration.SECONDS).extract(line + "2"))
        .get()
        .extracting(AccessLogEntry::durationMicros)
        .isEqualTo(2_000_000L);
    assertThat(fields(line + "PID 18904 Time Taken 0")).doesNotContainKey("duration");
    assertThat(fields("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 77"))
        .containsEntry("duration", "77");
  }

  @Test
  void undoesApacheEscapesInQuotedFields() {
    Map<String, String> f =
        fields(
            "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /q?a=\\\"b\\\" HTTP/1.1\" 200 5"
                + " \"http://x/\\xc3\\xa9t\\xc3\\xa9\" \"agent \\\\ with\\ttab\"");
    assertThat(f)
        .containsEntry("path", "/q?a=\"b\"")
        .containsEntry("referer", "http://x/été")
        .containsEntry("user_agent", "agent \\ with\ttab");
  }

  @Test
  void keepsNonUtf8HexEscapesVerbatim() {
    // cp1251 bytes, as in three lines of the elastic sample
    Map<String, String> f =
        fields(
            "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5"
                + " \"http://\\xe4\\xee\\xec.ru/\" \"ua\"");
    assertThat(f).containsEntry("referer", "http://\\xe4\\xee\\xec.ru/");
  }

  @Test
  void leavesMethodAndPathOutForMalformedRequestLines() {
    Map<String, String> f =
        fields("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"\\x16\\x03\\x01\" 400 226 \"-\" \"-\"");
    assertThat(f).containsEntry("status", "400").doesNotContainKeys("method", "path", "protocol");
    assertThat(fields("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"-\" 408 -"))
        .containsEntry("bytes", "0")
        .doesNotContainKey("method");
  }

  @Test
  void keepsHostileContentVerbatim() {
    assertThat(
            fields(
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /<script>alert(1)</script>"
                    + " HTTP/1.1\" 404 5 \"javascript:alert(1)\" \"<img src=x onerror=y>\""))
        .containsEntry("path", "/<script>alert(1)</script>")
        .containsEntry("referer", "javascript:alert(1)")
        .containsEntry("user_agent", "<img src=x onerror=y>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "session opened for user root by (uid=0)",
        "Accepted publickey for root from 10.0.0.1 port 22 ssh2",
        "1.2.3.4 - - [17/May/2015:10:05:03] \"GET / HTTP/1.1\" 200 5",
        "1.2.3.4 - - [17/Foo/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "1.2.3.4 - - [32/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 2000 5",
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5x",
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1 200 5",
        "1.2.3.4  - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "a b c d e [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "\"1.2.3.4\" - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.prop"
      })
  void rejectsLinesThatAreNotAccessLogs(String line) {
    assertThat(extractor.extract(line)).isEmpty();
  }
}
