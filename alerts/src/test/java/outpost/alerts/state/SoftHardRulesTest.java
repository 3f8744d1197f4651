package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.OK;
import static outpost.alerts.check.Status.UNKNOWN;
import static outpost.alerts.check.Status.WARNING;
import static outpost.alerts.state.NotificationType.PROBLEM;
import static outpost.alerts.state.NotificationType.RECOVERY;
import static outpost.alerts.state.Sim.T0;
import static outpost.alerts.state.Sim.types;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftHardRulesTest {

  @Test
  void initialStateIsHardOkDueNow() {
    CheckState s = new StateMachine().initial(5, new CheckKey("db-1", "disk"), T0);
    assertThat(s.status()).isEqualTo(OK);
    assertThat(s.type()).isEqualTo(StateType.HARD);
    assertThat(s.attempt()).isEqualTo(1);
    assertThat(s.lastCheck()).isNull();
    assertThat(s.nextCheck()).isEqualTo(T0);
    assertThat(s.lastHardStatus()).isEqualTo(OK);
    assertThat(s.hostStatus()).isNull();
    assertThat(s.problemSince()).isNull();
    assertThat(new StateMachine().initial(6, new CheckKey("db-1", ""), T0).hostStatus())
        .isEqualTo(HostStatus.UP);
  }

  @Test
  void threeCriticalResultsMakeHardCriticalAndNotifyOnce() {
    Sim sim = Sim.service();
    assertThat(sim.result(CRITICAL)).isEmpty();
    assertThat(sim.state.type()).isEqualTo(StateType.SOFT);
    assertThat(sim.state.attempt()).isEqualTo(1);
    assertThat(sim.results(CRITICAL)).isEmpty();
    assertThat(sim.state.attempt()).isEqualTo(2);
    List<NotificationEvent> third = sim.results(CRITICAL);
    assertThat(types(third)).containsExactly(PROBLEM);
    assertThat(third.getFirst().number()).isEqualTo(1);
    assertThat(third.getFirst().problemSince()).isEqualTo(sim.now);
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.attempt()).isEqualTo(3);
    assertThat(sim.state.lastHardStatus()).isEqualTo(CRITICAL);
    assertThat(sim.state.lastHardStateChange()).isEqualTo(sim.now);
    assertThat(sim.results(CRITICAL, CRITICAL)).isEmpty();
    assertThat(sim.state.attempt()).isEqualTo(3);
  }

  @Test
  void retryIntervalWhileSoft() {
    Sim sim = Sim.service();
    sim.result(OK);
    assertThat(sim.state.nextCheck()).isEqualTo(T0.plusSeconds(60));
    sim.results(WARNING);
    assertThat(sim.state.nextCheck()).isEqualTo(sim.now.plusSeconds(30));
    sim.results(WARNING);
    assertThat(sim.state.nextCheck()).isEqualTo(sim.now.plusSeconds(30));
    sim.results(WARNING);
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.nextCheck()).isEqualTo(sim.now.plusSeconds(60));
    assertThat(sim.state.lastCheck()).isEqualTo(sim.now);
  }

  @Test
  void softRecoveryDoesNotNotify() {
    Sim sim = Sim.service();
    assertThat(sim.results(CRITICAL, CRITICAL, OK)).isEmpty();
    assertThat(sim.state.status()).isEqualTo(OK);
    assertThat(sim.state.type()).isEqualTo(StateType.SOFT);
    assertThat(sim.state.attempt()).isEqualTo(1);
    assertThat(sim.state.lastHardStatus()).isEqualTo(OK);
    assertThat(sim.results(OK)).isEmpty();
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.notifications).isEmpty();
    // the next problem starts counting from attempt 1 again
    sim.results(CRITICAL);
    assertThat(sim.state.attempt()).isEqualTo(1);
  }

  @Test
  void hardRecoveryAfterNotifiedProblemNotifiesRecovery() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    List<NotificationEvent> recovery = sim.results(OK);
    assertThat(types(recovery)).containsExactly(RECOVERY);
    assertThat(recovery.getFirst().number()).isZero();
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.problemSince()).isNull();
    assertThat(sim.state.problemNotified()).isFalse();
    assertThat(sim.state.notificationNumber()).isZero();
  }

  @Test
  void warningToCriticalInHardIsAHardChange() {
    Sim sim = Sim.service();
    sim.results(WARNING, WARNING, WARNING);
    var problemStart = sim.state.problemSince();
    sim.advance(Duration.ofSeconds(10));
    List<NotificationEvent> change = sim.result(CRITICAL);
    assertThat(types(change)).containsExactly(PROBLEM);
    assertThat(change.getFirst().status()).isEqualTo(CRITICAL);
    assertThat(change.getFirst().number()).isEqualTo(2);
    assertThat(change.getFirst().problemSince()).isEqualTo(problemStart);
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.lastHardStatus()).isEqualTo(CRITICAL);
    assertThat(sim.state.lastHardStateChange()).isEqualTo(sim.now);
  }

  @Test
  void changeBetweenProblemsWhileSoftCountsAttempts() {
    Sim sim = Sim.service();
    sim.results(WARNING, CRITICAL);
    assertThat(sim.state.type()).isEqualTo(StateType.SOFT);
    assertThat(sim.state.attempt()).isEqualTo(2);
    assertThat(types(sim.results(UNKNOWN))).containsExactly(PROBLEM);
    assertThat(sim.state.lastHardStatus()).isEqualTo(UNKNOWN);
  }

  @Test
  void oneMaxAttemptIsHardAtOnce() {
    Sim sim = Sim.service(Sim.policy(1, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    assertThat(types(sim.result(CRITICAL))).containsExactly(PROBLEM);
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.attempt()).isEqualTo(1);
  }

  @Test
  void hostUnreachableWhenParentDown() {
    Sim host = new Sim(new CheckKey("web-2", ""), CheckPolicy.DEFAULTS);
    host.result(WARNING);
    assertThat(host.state.hostStatus()).isEqualTo(HostStatus.UP);
    assertThat(host.state.status()).isEqualTo(OK);
    host.results(CRITICAL);
    assertThat(host.state.hostStatus()).isEqualTo(HostStatus.DOWN);
    host.parentDown = true;
    host.results(CRITICAL);
    assertThat(host.state.hostStatus()).isEqualTo(HostStatus.UNREACHABLE);
    assertThat(host.state.attempt()).isEqualTo(2);
    List<NotificationEvent> hard = host.results(UNKNOWN);
    assertThat(types(hard)).containsExactly(PROBLEM);
    assertThat(hard.getFirst().hostStatus()).isEqualTo(HostStatus.UNREACHABLE);
    host.parentDown = false;
    List<NotificationEvent> down = host.results(CRITICAL);
    assertThat(types(down)).containsExactly(PROBLEM);
    assertThat(down.getFirst().hostStatus()).isEqualTo(HostStatus.DOWN);
    assertThat(types(host.results(OK))).containsExactly(RECOVERY);
    assertThat(host.state.hostStatus()).isEqualTo(HostStatus.UP);
  }

  @Test
  void serviceOfHardDownHostGoesHardAtOnceWithoutNotifying() {
    Sim sim = Sim.service();
    sim.hostProblem = true;
    assertThat(sim.result(CRITICAL)).isEmpty();
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.state.pendingNotification()).isTrue();
    assertThat(sim.state.nextCheck()).isEqualTo(sim.now.plusSeconds(60));
  }

  @Test
  void hostDownSuppressesServiceNotifications() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL);
    sim.hostProblem = true;
    assertThat(sim.results(CRITICAL)).isEmpty();
    assertThat(sim.tickFor(Duration.ofHours(2), Duration.ofMinutes(1))).isEmpty();
    // recovery while the host is still down: nothing was notified, so nothing is owed
    assertThat(sim.results(OK)).isEmpty();
    sim.hostProblem = false;
    assertThat(sim.tick()).isEmpty();
    assertThat(sim.notifications).isEmpty();
  }

  @Test
  void heldBackNotificationReleasedWhenHostRecovers() {
    Sim sim = Sim.service();
    sim.hostProblem = true;
    sim.results(CRITICAL);
    sim.advance(Duration.ofMinutes(5));
    assertThat(sim.tick()).isEmpty();
    sim.hostProblem = false;
    sim.advance(Duration.ofSeconds(5));
    List<NotificationEvent> released = sim.tick();
    assertThat(types(released)).containsExactly(PROBLEM);
    assertThat(released.getFirst().number()).isEqualTo(1);
    assertThat(released.getFirst().at()).isEqualTo(sim.now);
    assertThat(sim.state.pendingNotification()).isFalse();
    assertThat(sim.tick()).isEmpty();
    // the problem that went HARD through its host ends in a HARD recovery, which is told
    assertThat(types(sim.results(OK))).containsExactly(RECOVERY);
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
  }

  @Test
  void heldBackNotificationDroppedWhenServiceRecoversFirst() {
    Sim sim = Sim.service();
    sim.hostProblem = true;
    sim.results(CRITICAL);
    sim.results(OK);
    sim.hostProblem = false;
    assertThat(sim.tick()).isEmpty();
    assertThat(sim.notifications).isEmpty();
  }

  @Test
  void historyHasOneStateLinePerChangeOfStatusTypeOrAttempt() {
    Sim sim = Sim.service();
    sim.results(OK, CRITICAL, CRITICAL, CRITICAL, CRITICAL, OK, OK);
    List<HistoryEvent> states = sim.history.stream().filter(h -> h.kind().equals("STATE")).toList();
    assertThat(states)
        .extracting(h -> h.status() + " " + h.type() + " " + h.attempt())
        .containsExactly("CRITICAL SOFT 1", "CRITICAL SOFT 2", "CRITICAL HARD 3", "OK HARD 1");
    assertThat(states.getFirst().detail()).isEqualTo("CRITICAL output");
    assertThat(states.getFirst().checkId()).isEqualTo(17);
  }
}
