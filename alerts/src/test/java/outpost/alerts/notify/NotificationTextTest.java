package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import outpost.alerts.check.Status;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.HostStatus;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.NotificationType;

class NotificationTextTest {
  private static final Instant SINCE = Instant.parse("2026-11-18T14:02:00Z");

  private static NotificationEvent event(
      NotificationType type, CheckKey key, Status s, HostStatus h, String output) {
    return new NotificationEvent(
        type, 17, key, s, h, output, SINCE, SINCE.plusSeconds(600), 1, 0, "alice", "on it");
  }

  @Test
  void aProblemReadsLikeNagiosInOneSegment() {
    NotificationEvent e =
        event(
            NotificationType.PROBLEM,
            new CheckKey("web-2", "http"),
            Status.CRITICAL,
            null,
            "connection refused");
    assertThat(NotificationText.single(e, ZoneOffset.UTC))
        .isEqualTo("CRITICAL web-2/http: connection refused (since 14:02) ACK 17");
    assertThat(NotificationText.single(e, ZoneId.of("Europe/Berlin"))).contains("(since 15:02)");
  }

  @Test
  void longOutputIsTrimmedToOneSegmentKeepingTheAckHint() {
    NotificationEvent e =
        event(
            NotificationType.PROBLEM,
            new CheckKey("web-2", "http"),
            Status.WARNING,
            null,
            "HTTP WARNING: “slow” response – " + "x".repeat(400));
    String text = NotificationText.single(e, ZoneOffset.UTC);
    assertThat(SmsText.fitsOneSegment(text)).isTrue();
    assertThat(text)
        .startsWith("WARNING web-2/http: HTTP WARNING: \"slow\" response - x")
        .endsWith(".. (since 14:02) ACK 17");
  }

  @Test
  void otherTypesSayWhatHappened() {
    CheckKey host = new CheckKey("web-2", "");
    assertThat(
            NotificationText.single(
                event(
                    NotificationType.PROBLEM,
                    host,
                    Status.CRITICAL,
                    HostStatus.DOWN,
                    "PING CRITICAL"),
                ZoneOffset.UTC))
        .isEqualTo("DOWN web-2: PING CRITICAL (since 14:02) ACK 17");
    CheckKey http = new CheckKey("web-2", "http");
    assertThat(
            NotificationText.single(
                event(NotificationType.RECOVERY, http, Status.OK, null, "HTTP OK"), ZoneOffset.UTC))
        .isEqualTo("RECOVERY web-2/http OK: HTTP OK (problem since 14:02)");
    assertThat(
            NotificationText.single(
                event(NotificationType.ACKNOWLEDGEMENT, http, Status.CRITICAL, null, "x"),
                ZoneOffset.UTC))
        .isEqualTo("ACKNOWLEDGED web-2/http CRITICAL by alice: on it");
    assertThat(
            NotificationText.single(
                event(NotificationType.FLAPPINGSTART, http, Status.CRITICAL, null, "x"),
                ZoneOffset.UTC))
        .isEqualTo("FLAPPING STARTED web-2/http CRITICAL: x");
    assertThat(
            NotificationText.single(
                event(NotificationType.DOWNTIMESTART, http, Status.OK, null, "x"), ZoneOffset.UTC))
        .isEqualTo("DOWNTIME STARTED web-2/http by alice: on it");
  }

  @Test
  void aGroupCountsPerStateAndListsWhatFits() {
    List<NotificationText.Item> items = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      items.add(
          new NotificationText.Item(
              NotificationType.PROBLEM,
              i % 4 == 0 ? "WARNING" : "CRITICAL",
              "web-" + i + "/http",
              i));
    }
    items.add(new NotificationText.Item(NotificationType.RECOVERY, "OK", "db-1/disk", 99));
    String text = NotificationText.grouped(items);

    assertThat(text)
        .startsWith(
            "60 problems (45 CRITICAL, 15 WARNING): CRITICAL web-1/http #1, web-2/http #2, web-3/http #3, web-5/http #5");
    assertThat(text)
        .containsPattern("\\+\\d+ more")
        .contains("1 recovered")
        .endsWith(". ACK ALL or ACK <id>");
    assertThat(SmsText.septets(text)).isLessThanOrEqualTo(NotificationText.GROUP_MAX_SEPTETS);
  }

  @Test
  void aSmallGroupFitsOneSegment() {
    String text =
        NotificationText.grouped(
            List.of(
                new NotificationText.Item(NotificationType.PROBLEM, "CRITICAL", "web-2/http", 17),
                new NotificationText.Item(NotificationType.PROBLEM, "CRITICAL", "web-3/http", 18),
                new NotificationText.Item(NotificationType.PROBLEM, "CRITICAL", "web-4/http", 19)));
    assertThat(text)
        .isEqualTo(
            "3 problems: CRITICAL web-2/http #17, web-3/http #18, web-4/http #19. ACK ALL or ACK <id>");
    assertThat(SmsText.fitsOneSegment(text)).isTrue();
    String recoveries =
        NotificationText.grouped(
            List.of(
                new NotificationText.Item(NotificationType.RECOVERY, "OK", "web-2/http", 17),
                new NotificationText.Item(NotificationType.RECOVERY, "OK", "web-3/http", 18)));
    assertThat(recoveries).isEqualTo("2 recovered: web-2/http, web-3/http");
  }
}
