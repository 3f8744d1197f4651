package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.OK;
import static outpost.alerts.check.Status.WARNING;
import static outpost.alerts.state.NotificationType.ACKNOWLEDGEMENT;
import static outpost.alerts.state.NotificationType.PROBLEM;
import static outpost.alerts.state.NotificationType.RECOVERY;
import static outpost.alerts.state.Sim.types;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void cannotAckOk() {
    Sim sim = Sim.service();
    sim.results(OK);
    assertThatThrownBy(() -> sim.ack(false, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("check 17 (web-2/http) is OK");
    assertThat(sim.state.acknowledgement()).isNull();
  }

  @Test
  void ackSendsNotificationAndHistoryLine() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    List<NotificationEvent> ack = sim.ack(true, null);
    assertThat(types(ack)).containsExactly(ACKNOWLEDGEMENT);
    assertThat(ack.getFirst().author()).isEqualTo("alice");
    assertThat(ack.getFirst().comment()).isEqualTo("on it");
    assertThat(ack.getFirst().number()).isZero();
    assertThat(sim.history)
        .filteredOn(h -> h.kind().equals("ACK"))
        .extracting(HistoryEvent::detail)
        .containsExactly("sticky; alice: on it");
  }

  @Test
  void softProblemCanBeAcknowledged() {
    Sim sim = Sim.service();
    sim.results(CRITICAL);
    assertThat(types(sim.ack(false, null))).containsExactly(ACKNOWLEDGEMENT);
    // it becomes HARD under the acknowledgement: no PROBLEM
    assertThat(sim.results(CRITICAL, CRITICAL)).isEmpty();
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
  }

  @Test
  void nonStickyAckEndsOnStateChange() {
    Sim sim = Sim.service();
    sim.results(WARNING, WARNING, WARNING);
    sim.ack(false, null);
    assertThat(sim.results(WARNING)).isEmpty();
    assertThat(sim.state.acknowledgement()).isNotNull();
    List<NotificationEvent> change = sim.results(CRITICAL);
    assertThat(types(change)).containsExactly(PROBLEM);
    assertThat(sim.state.acknowledgement()).isNull();
    assertThat(sim.history)
        .filteredOn(h -> h.kind().equals("ACKREMOVED"))
        .extracting(HistoryEvent::detail)
        .containsExactly("state changed");
  }

  @Test
  void stickyAckLastsUntilOk() {
    Sim sim = Sim.service();
    sim.results(WARNING, WARNING, WARNING);
    sim.ack(true, null);
    assertThat(sim.results(CRITICAL, WARNING, CRITICAL)).isEmpty();
    assertThat(sim.tickFor(Duration.ofHours(2), MINUTE)).isEmpty();
    assertThat(sim.state.acknowledgement()).isNotNull();
    // the problem was notified before the acknowledgement, so its recovery is told
    assertThat(types(sim.results(OK))).containsExactly(RECOVERY);
    assertThat(sim.state.acknowledgement()).isNull();
    // a new problem is not covered by the old acknowledgement
    assertThat(types(sim.results(CRITICAL, CRITICAL, CRITICAL))).containsExactly(PROBLEM);
  }

  @Test
  void ackExpiresAndRenotificationResumes() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    Instant first = sim.now;
    sim.advance(Duration.ofMinutes(5));
    Instant expires = first.plus(Duration.ofMinutes(90));
    sim.ack(false, expires);
    assertThat(sim.tickFor(Duration.ofMinutes(84), MINUTE)).isEmpty();
    assertThat(sim.state.acknowledgement()).isNotNull();
    List<NotificationEvent> resumed = sim.tickFor(Duration.ofMinutes(2), MINUTE);
    assertThat(sim.state.acknowledgement()).isNull();
    // the re-notification was overdue since minute 30, so it goes out as the ack expires
    assertThat(resumed).extracting(NotificationEvent::at).containsExactly(expires);
    assertThat(resumed).extracting(NotificationEvent::number).containsExactly(2);
    assertThat(sim.tickFor(Duration.ofMinutes(30), MINUTE))
        .extracting(NotificationEvent::at)
        .containsExactly(expires.plus(Duration.ofMinutes(30)));
    assertThat(sim.history)
        .filteredOn(h -> h.kind().equals("ACKREMOVED"))
        .extracting(HistoryEvent::detail)
        .containsExactly("expired");
  }

  @Test
  void removedAckLetsTheNextTickRenotify() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    sim.ack(true, null);
    assertThat(sim.tickFor(Duration.ofMinutes(45), MINUTE)).isEmpty();
    Transition removed = sim.machine.removeAcknowledgement(sim.state, "bob", sim.context());
    assertThat(removed.notifications()).isEmpty();
    assertThat(removed.history())
        .extracting(HistoryEvent::detail)
        .containsExactly("removed by bob");
    sim.apply(removed);
    assertThat(sim.state.acknowledgement()).isNull();
    assertThat(types(sim.tickFor(MINUTE, MINUTE))).containsExactly(PROBLEM);
    // removing again is a no-op
    assertThat(sim.machine.removeAcknowledgement(sim.state, "bob", sim.context()).history())
        .isEmpty();
  }

  @Test
  void ackDuringFirstNotificationDelayHoldsTheFirstNotification() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ofMinutes(10), List.of()));
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    sim.ack(false, sim.now.plus(Duration.ofMinutes(20)));
    assertThat(sim.tickFor(Duration.ofMinutes(19), MINUTE)).isEmpty();
    assertThat(types(sim.tickFor(Duration.ofMinutes(2), MINUTE))).containsExactly(PROBLEM);
  }
}
