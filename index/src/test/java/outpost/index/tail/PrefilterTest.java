package outpost.index.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import outpost.index.LogEvent;
import outpost.index.query.LogQueryParser;

/** Which events the cheap condition lets through; what passes is matched exactly afterwards. */
class PrefilterTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final LogEvent EVENT =
      new LogEvent(
          NOW,
          NOW,
          "web-1",
          "nginx",
          "",
          "",
          1,
          6,
          "GET /Wp-Login.PHP Connection REFUSED",
          "raw",
          Map.of("status", "503", "path", "/a.php?x=1", "bytes", "-"),
          "tcp",
          "");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "refused|true",
        "accepted|false",
        "wp-login.php|true",
        "\"connection refused\"|true",
        "\"connection accepted\"|false",
        "host:web-1|true",
        "host:web-2|false",
        "app:nginx AND refused|true",
        "app:sshd AND refused|false",
        "host:web-2 OR refused|true",
        "host:web-2 OR accepted|false",
        "host:web-* OR accepted|true",
        "status:404|false",
        "status:503|true",
        "status:[500 TO 599]|true",
        "status:>=504|false",
        "bytes:>0|false",
        "duration:<10|false",
        "severity_code:[0 TO 6]|true",
        "severity_code:[0 TO 3]|false",
        "severity:info|true",
        "severity:err|false",
        "facility:user|true",
        "transport:udp|false",
        "procid:1|false",
        "method:GET|false",
        "path:/a.php|true",
        "path:/a.php?x=1|true",
        "path:/b.php|false",
        "-refused|true",
        "refused -host:web-1|true",
        "accepted -host:web-1|false"
      })
  void passesWhatMayMatchAndStopsWhatCannot(String query, boolean mayMatch) {
    EventText text = new EventText();
    text.reset(EVENT);
    assertThat(Prefilter.of(new LogQueryParser().parse(query)).mayMatch(text)).isEqualTo(mayMatch);
  }
}
