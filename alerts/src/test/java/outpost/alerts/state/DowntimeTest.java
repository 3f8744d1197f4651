package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.OK;
import static outpost.alerts.state.NotificationType.DOWNTIMEEND;
import static outpost.alerts.state.NotificationType.DOWNTIMESTART;
import static outpost.alerts.state.NotificationType.PROBLEM;
import static outpost.alerts.state.NotificationType.RECOVERY;
import static outpost.alerts.state.Sim.T0;
import static outpost.alerts.state.Sim.types;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DowntimeTest {
  private static final CheckKey HTTP = new CheckKey("web-2", "http");
  private static final CheckKey HOST = new CheckKey("web-2", "");
  private static final CheckKey OTHER = new CheckKey("web-3", "http");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static Downtime fixed(String service, Instant start, Instant end) {
    return new Downtime(1, "web-2", service, start, end, true, null, "alice", "deploy", null);
  }

  private static Downtime flexible(Instant start, Instant end, Duration duration) {
    return new Downtime(2, "web-2", "http", start, end, false, duration, "alice", "", null);
  }

  @Test
  void fixedDowntimeCoversFromStartUntilEnd() {
    Instant end = T0.plus(Duration.ofHours(1));
    List<Downtime> dts = List.of(fixed("", T0, end));
    assertThat(Downtimes.covering(dts, HTTP, T0.minusSeconds(1))).isFalse();
    assertThat(Downtimes.covering(dts, HTTP, T0)).isTrue();
    assertThat(Downtimes.covering(dts, HOST, end.minusSeconds(1))).isTrue();
    assertThat(Downtimes.covering(dts, HTTP, end)).isFalse();
    assertThat(Downtimes.covering(dts, OTHER, T0)).isFalse();
    assertThat(Downtimes.covering(List.of(fixed("dns", T0, end)), HTTP, T0)).isFalse();
    assertThat(Downtimes.ended(dts, end.minusSeconds(1))).isEmpty();
    assertThat(Downtimes.ended(dts, end)).containsExactlyElementsOf(dts);
  }

  @Test
  void flexibleDowntimeTriggersOnFirstProblem() {
    Instant end = T0.plus(Duration.ofHours(2));
    List<Downtime> dts = List.of(flexible(T0, end, Duration.ofMinutes(30)));
    Instant problem = T0.plus(Duration.ofMinutes(100));
    // not in effect before a problem, even inside its window
    assertThat(Downtimes.covering(dts, HTTP, problem)).isFalse();
    // a problem of another check does not trigger it
    assertThat(Downtimes.onProblem(dts, OTHER, problem)).isEqualTo(dts);
    List<Downtime> triggered = Downtimes.onProblem(dts, HTTP, problem);
    assertThat(triggered.getFirst().triggeredAt()).isEqualTo(problem);
    // it lasts its duration, past the end of the window
    assertThat(Downtimes.covering(triggered, HTTP, problem)).isTrue();
    assertThat(Downtimes.covering(triggered, HTTP, end.plus(Duration.ofMinutes(9)))).isTrue();
    assertThat(Downtimes.ended(triggered, end.plus(Duration.ofMinutes(9)))).isEmpty();
    Instant over = problem.plus(Duration.ofMinutes(30));
    assertThat(Downtimes.covering(triggered, HTTP, over)).isFalse();
    assertThat(Downtimes.ended(triggered, over)).hasSize(1);
    // a second problem does not move the trigger
    assertThat(Downtimes.onProblem(triggered, HTTP, problem.plusSeconds(60))).isEqualTo(triggered);
  }

  @Test
  void flexibleDowntimeOutsideItsWindowNeverTriggers() {
    Instant end = T0.plus(Duration.ofHours(1));
    List<Downtime> dts = List.of(flexible(T0, end, Duration.ofMinutes(30)));
    assertThat(Downtimes.onProblem(dts, HTTP, T0.minusSeconds(1))).isEqualTo(dts);
    assertThat(Downtimes.onProblem(dts, HTTP, end)).isEqualTo(dts);
    assertThat(Downtimes.ended(dts, end.minusSeconds(1))).isEmpty();
    assertThat(Downtimes.ended(dts, end)).hasSize(1);
  }

  @Test
  void hostWideFlexibleDowntimeIsTriggeredByAServiceProblem() {
    Downtime host =
        new Downtime(3, "web-2", "", T0, T0.plusSeconds(3600), false, MINUTE, "a", "", null);
    List<Downtime> triggered = Downtimes.onProblem(List.of(host), HTTP, T0.plusSeconds(10));
    assertThat(Downtimes.covering(triggered, HOST, T0.plusSeconds(20))).isTrue();
  }

  @Test
  void downtimeEndMustFollowStart() {
    assertThatThrownBy(() -> fixed("", T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after start");
  }

  @Test
  void downtimeSuppressesAndNotifiesStartEnd() {
    Sim sim = Sim.service();
    sim.results(OK);
    sim.inDowntime = true;
    assertThat(types(sim.tick())).containsExactly(DOWNTIMESTART);
    assertThat(sim.state.inDowntime()).isTrue();
    assertThat(sim.tick()).isEmpty();
    assertThat(sim.results(CRITICAL, CRITICAL, CRITICAL)).isEmpty();
    assertThat(sim.state.type()).isEqualTo(StateType.HARD);
    assertThat(sim.tickFor(Duration.ofHours(2), MINUTE)).isEmpty();
    sim.inDowntime = false;
    // the held-back PROBLEM goes out with the end of the downtime
    List<NotificationEvent> end = sim.tick();
    assertThat(types(end)).containsExactly(DOWNTIMEEND, PROBLEM);
    assertThat(end.get(1).number()).isEqualTo(1);
    assertThat(sim.historyKinds()).contains("DOWNTIMESTART", "DOWNTIMEEND");
  }

  @Test
  void downtimeStartedByAResultIsNotifiedWithIt() {
    Sim sim = Sim.service();
    sim.inDowntime = true;
    assertThat(types(sim.result(OK))).containsExactly(DOWNTIMESTART);
  }

  @Test
  void recoveryDuringDowntimeIsToldWhenItEnds() {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    sim.inDowntime = true;
    sim.tick();
    assertThat(sim.tickFor(Duration.ofHours(1), MINUTE)).isEmpty();
    assertThat(sim.results(OK)).isEmpty();
    sim.inDowntime = false;
    assertThat(types(sim.tick())).containsExactly(DOWNTIMEEND, RECOVERY);
    assertThat(sim.tick()).isEmpty();
  }

  @Test
  void problemOverBeforeDowntimeEndsNotifiesNothing() {
    Sim sim = Sim.service();
    sim.inDowntime = true;
    sim.results(CRITICAL, CRITICAL, CRITICAL, OK);
    sim.inDowntime = false;
    assertThat(types(sim.tick())).containsExactly(DOWNTIMEEND);
    assertThat(types(sim.notifications)).containsExactly(DOWNTIMESTART, DOWNTIMEEND);
  }
}
