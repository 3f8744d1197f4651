package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostZoneTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void matchesGlobsIgnoringCase() {
    assertThat(new HostZone("web-*", BERLIN).matches("web-1")).isTrue();
    assertThat(new HostZone("web-*", BERLIN).matches("WEB-1.example.com")).isTrue();
    assertThat(new HostZone("web-*", BERLIN).matches("db-web-1")).isFalse();
    assertThat(new HostZone("*.tokyo", BERLIN).matches("a.b.tokyo")).isTrue();
    assertThat(new HostZone("*.tokyo", BERLIN).matches("tokyo")).isFalse();
    assertThat(new HostZone("web-?", BERLIN).matches("web-1")).isTrue();
    assertThat(new HostZone("web-?", BERLIN).matches("web-12")).isFalse();
    assertThat(new HostZone("*a*b*", BERLIN).matches("xxaxxbxx")).isTrue();
    assertThat(new HostZone("*a*b", BERLIN).matches("xxaxxbxxc")).isFalse();
    assertThat(new HostZone("*", BERLIN).matches("")).isTrue();
  }

  @Test
  void rejectsBlankAndOverlongPatterns() {
    assertThatThrownBy(() -> new HostZone(" ", BERLIN)).hasMessageContaining("blank");
    assertThatThrownBy(() -> new HostZone("x".repeat(256), BERLIN))
        .hasMessage("host pattern length 256 exceeds limit 255");
  }

  @Test
  void firstMatchingPatternWinsElseTheDefault() {
    ParserConfig config =
        new ParserConfig(
            ZoneOffset.UTC,
            List.of(
                new HostZone("web-1*", BERLIN), new HostZone("web-*", ZoneId.of("Asia/Tokyo"))));
    assertThat(config.zoneFor("web-10")).isEqualTo(BERLIN);
    assertThat(config.zoneFor("web-2")).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(config.zoneFor("db")).isEqualTo(ZoneOffset.UTC);
    assertThat(ParserConfig.defaults().zoneFor("anything")).isEqualTo(ZoneOffset.UTC);
  }
}
