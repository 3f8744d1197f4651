package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.OK;
import static outpost.alerts.state.NotificationType.ACKNOWLEDGEMENT;
import static outpost.alerts.state.NotificationType.PROBLEM;
import static outpost.alerts.state.NotificationType.RECOVERY;
import static outpost.alerts.state.Sim.types;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void recoveryNotifiedOnlyAfterNotifiedProblem() {
    // a problem that stayed SOFT: no PROBLEM, so no RECOVERY
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, OK, OK);
    assertThat(sim.notifications).isEmpty();
    // a HARD problem held back by first_notification_delay and over before it: still none
    Sim delayed =
        Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ofMinutes(10), List.of()));
    delayed.results(CRITICAL, CRITICAL, CRITICAL);
    delayed.tickFor(Duration.ofMinutes(5), MINUTE);
    assertThat(delayed.results(OK)).isEmpty();
    assertThat(delayed.tickFor(Duration.ofMinutes(20), MINUTE)).isEmpty();
    assertThat(delayed.notifications).isEmpty();
    // a notified one: exactly one RECOVERY
    Sim notified = Sim.service();
    notified.results(CRITICAL, CRITICAL, CRITICAL);
    assertThat(types(notified.results(OK, OK))).containsExactly(RECOVERY);
    assertThat(types(notified.notifications)).containsExactly(PROBLEM, RECOVERY);
  }

  @Test
  void renotifiesEveryIntervalUntilAcknowledged() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    Instant first = sim.now;
    List<NotificationEvent> again = sim.tickFor(Duration.ofMinutes(65), MINUTE);
    assertThat(again).extracting(NotificationEvent::number).containsExactly(2, 3);
    assertThat(again)
        .extracting(NotificationEvent::at)
        .containsExactly(first.plus(Duration.ofMinutes(30)), first.plus(Duration.ofMinutes(60)));
    assertThat(types(sim.ack(false, null))).containsExactly(ACKNOWLEDGEMENT);
    assertThat(sim.tickFor(Duration.ofHours(3), MINUTE)).isEmpty();
    // results that keep the same status do not end a non-sticky acknowledgement
    assertThat(sim.results(CRITICAL, CRITICAL)).isEmpty();
    assertThat(sim.state.acknowledgement()).isNotNull();
  }

  @Test
  void zeroIntervalNotifiesOnce() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ZERO, Duration.ZERO, List.of()));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    assertThat(sim.tickFor(Duration.ofHours(24), MINUTE)).isEmpty();
    assertThat(types(sim.notifications)).containsExactly(PROBLEM);
    assertThat(types(sim.results(OK))).containsExactly(RECOVERY);
  }

  @Test
  void firstNotificationDelayHoldsTheFirstNotification() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ofMinutes(10), List.of()));
    assertThat(sim.results(CRITICAL, CRITICAL, CRITICAL)).isEmpty();
    Instant hard = sim.now;
    assertThat(sim.state.pendingNotification()).isTrue();
    assertThat(sim.state.problemSince()).isEqualTo(hard);
    List<NotificationEvent> sent = sim.tickFor(Duration.ofMinutes(15), Duration.ofSeconds(30));
    assertThat(types(sent)).containsExactly(PROBLEM);
    assertThat(sent.getFirst().at()).isEqualTo(hard.plus(Duration.ofMinutes(10)));
    assertThat(sent.getFirst().number()).isEqualTo(1);
    assertThat(sim.state.pendingNotification()).isFalse();
    // re-notification counts from the delayed first notification
    List<NotificationEvent> next = sim.tickFor(Duration.ofMinutes(30), Duration.ofSeconds(30));
    assertThat(next)
        .extracting(NotificationEvent::at)
        .containsExactly(hard.plus(Duration.ofMinutes(40)));
  }

  @Test
  void escalatesAfterUnacknowledgedTime() {
    Sim sim =
        Sim.service(
            Sim.policy(
                3,
                Duration.ofMinutes(30),
                Duration.ZERO,
                List.of(Duration.ofMinutes(10), Duration.ofMinutes(20))));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    Instant first = sim.now;
    assertThat(sim.notifications.getFirst().escalationLevel()).isZero();
    // re-notification counts from the last notification, escalations from the first
    List<NotificationEvent> escalated = sim.tickFor(Duration.ofMinutes(55), MINUTE);
    assertThat(escalated)
        .extracting(e -> e.escalationLevel() + "@" + Duration.between(first, e.at()).toMinutes())
        .containsExactly("1@10", "2@20", "2@50");
    assertThat(escalated).extracting(NotificationEvent::number).containsExactly(2, 3, 4);
    // the recovery reaches the escalated contacts too, and the next problem starts at level 0
    List<NotificationEvent> recovery = sim.results(OK);
    assertThat(recovery.getFirst().escalationLevel()).isEqualTo(2);
    assertThat(sim.state.escalationLevel()).isZero();
  }

  @Test
  void acknowledgementStopsEscalation() {
    Sim sim =
        Sim.service(Sim.policy(3, Duration.ZERO, Duration.ZERO, List.of(Duration.ofMinutes(10))));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    sim.advance(Duration.ofMinutes(5));
    sim.ack(true, null);
    assertThat(sim.tickFor(Duration.ofHours(1), MINUTE)).isEmpty();
    assertThat(sim.state.escalationLevel()).isZero();
  }

  @Test
  void escalationWithZeroIntervalStillEscalatesOnce() {
    Sim sim =
        Sim.service(Sim.policy(3, Duration.ZERO, Duration.ZERO, List.of(Duration.ofMinutes(10))));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    List<NotificationEvent> later = sim.tickFor(Duration.ofHours(2), MINUTE);
    assertThat(later).extracting(NotificationEvent::escalationLevel).containsExactly(1);
  }

  @Test
  void newProblemAfterRecoveryStartsNumberingAgain() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    sim.tickFor(Duration.ofMinutes(31), MINUTE);
    assertThat(sim.state.notificationNumber()).isEqualTo(2);
    sim.results(OK);
    List<NotificationEvent> again = sim.results(CRITICAL, CRITICAL, CRITICAL);
    assertThat(again).extracting(NotificationEvent::number).containsExactly(1);
    assertThat(again.getFirst().problemSince()).isEqualTo(sim.now);
  }

  @Test
  void everyNotificationIsInTheHistory() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL, OK);
    assertThat(sim.history)
        .filteredOn(h -> h.kind().equals("NOTIFICATION"))
        .extracting(HistoryEvent::detail)
        .containsExactly("PROBLEM #1 level 0", "RECOVERY level 0");
  }

  @Test
  void escalationAtZeroMinutesAppliesToTheFirstNotification() {
    Sim sim =
        Sim.service(
            Sim.policy(
                3,
                Duration.ofMinutes(30),
                Duration.ZERO,
                List.of(Duration.ZERO, Duration.ofMinutes(15))));
    List<NotificationEvent> first = sim.results(CRITICAL, CRITICAL, CRITICAL);
    assertThat(first).extracting(NotificationEvent::escalationLevel).containsExactly(1);
    assertThat(sim.tickFor(Duration.ofMinutes(20), MINUTE))
        .extracting(NotificationEvent::escalationLevel)
        .containsExactly(2);
  }
}
