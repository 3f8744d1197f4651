package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.OK;
import static outpost.alerts.state.NotificationType.FLAPPINGSTART;
import static outpost.alerts.state.NotificationType.FLAPPINGSTOP;
import static outpost.alerts.state.NotificationType.PROBLEM;
import static outpost.alerts.state.NotificationType.RECOVERY;
import static outpost.alerts.state.Sim.types;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import outpost.alerts.check.Status;

class FlapDetectorTest {

  @Test
  void weightsRiseLinearlyFromOldestToNewest() {
    assertThat(FlapDetector.weight(0)).isCloseTo(0.8, within(1e-12));
    assertThat(FlapDetector.weight(19)).isCloseTo(1.2, within(1e-12));
    assertThat(FlapDetector.weight(1) - FlapDetector.weight(0)).isCloseTo(0.4 / 19, within(1e-12));
  }

  @Test
  void percentStateChangeOfSteadyAndAlternatingHistories() {
    assertThat(FlapDetector.percentStateChange(Collections.nCopies(21, OK))).isZero();
    List<Status> alternating = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      alternating.add(i % 2 == 0 ? OK : CRITICAL);
    }
    // every one of the 20 transitions changes: the weights sum to 20 * (0.8 + 1.2) / 2 = 20
    assertThat(FlapDetector.percentStateChange(alternating)).isCloseTo(100, within(1e-9));
    // a single change between the two newest results weighs 1.2: 1.2 / 20 = 6 %
    assertThat(FlapDetector.percentStateChange(List.of(OK, OK, CRITICAL)))
        .isCloseTo(6, within(1e-9));
    // the oldest of 21 weighs 0.8: 0.8 / 20 = 4 %
    List<Status> oldest = new ArrayList<>(Collections.nCopies(21, OK));
    oldest.set(0, CRITICAL);
    assertThat(FlapDetector.percentStateChange(oldest)).isCloseTo(4, within(1e-9));
  }

  @Test
  void flappingStartsAboveHighAndStopsBelowLow() {
    Sim sim = Sim.service();
    sim.results(Collections.nCopies(15, OK).toArray(Status[]::new));
    // the changes are the 5 newest transitions, indexes 15..19 of 20:
    // weights 0.8 + 0.4 * k / 19 sum to 5 * 0.8 + 0.4 * (15+16+17+18+19) / 19 = 4 + 34/19
    // = 5.789473..., so 100 * 5.789473 / 20 = 28.947 %, below the high threshold 30
    sim.results(CRITICAL, OK, CRITICAL, OK, CRITICAL);
    assertThat(sim.state.recentStates()).hasSize(20);
    assertThat(sim.state.percentStateChange()).isCloseTo(28.947368, within(1e-5));
    assertThat(sim.state.flapping()).isFalse();
    // one more change (21 results): indexes 14..19, 6 * 0.8 + 0.4 * 99 / 19 = 6.884210...
    // -> 34.421 %, above 30: flapping starts
    List<NotificationEvent> start = sim.results(OK);
    assertThat(sim.state.percentStateChange()).isCloseTo(34.421053, within(1e-5));
    assertThat(sim.state.flapping()).isTrue();
    assertThat(types(start)).containsExactly(FLAPPINGSTART);
    // steady OK results shift the changes to older, lighter positions; between 20 and 30 it keeps
    // flapping (hysteresis), below 20 it stops
    sim.results(OK, OK);
    // indexes 12..17: 6 * 0.8 + 0.4 * 87 / 19 = 6.631578... -> 33.158 %
    assertThat(sim.state.percentStateChange()).isCloseTo(33.157895, within(1e-5));
    // 13 more OKs: the oldest change drops out, 5 left at indexes 0..4:
    // 5 * 0.8 + 0.4 * 10 / 19 = 4.210526 -> 21.053 %, still above the low threshold 20
    assertThat(sim.results(Collections.nCopies(13, OK).toArray(Status[]::new))).isEmpty();
    assertThat(sim.state.percentStateChange()).isCloseTo(21.052632, within(1e-5));
    assertThat(sim.state.flapping()).isTrue();
    // one more: 4 changes at indexes 0..3: 3.2 + 0.4 * 6 / 19 = 3.326316 -> 16.632 %, below 20
    List<NotificationEvent> stop = sim.results(OK);
    assertThat(sim.state.percentStateChange()).isCloseTo(16.631579, within(1e-5));
    assertThat(sim.state.flapping()).isFalse();
    assertThat(types(stop)).containsExactly(FLAPPINGSTOP);
    assertThat(sim.history)
        .extracting(HistoryEvent::kind)
        .contains("FLAPPINGSTART", "FLAPPINGSTOP");
  }

  @Test
  void flappingSuppressesProblemNotifications() {
    Sim sim = Sim.service(Sim.policy(1, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    List<NotificationEvent> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.addAll(sim.results(CRITICAL, OK));
    }
    // each hard change notified until the percent state change passed 30 %
    assertThat(sim.state.flapping()).isTrue();
    int startIndex = types(all).indexOf(FLAPPINGSTART);
    assertThat(startIndex).isPositive();
    assertThat(types(all.subList(startIndex + 1, all.size()))).doesNotContain(PROBLEM);
    // a PROBLEM was notified before flapping started, so its RECOVERY waits for the end
    // of flapping; a steady CRITICAL ends flapping and the problem is then told
    sim.results(CRITICAL);
    List<NotificationEvent> settle = new ArrayList<>();
    while (sim.state.flapping()) {
      settle.addAll(sim.results(CRITICAL));
    }
    assertThat(types(settle)).containsExactly(FLAPPINGSTOP, PROBLEM);
    assertThat(types(sim.results(OK))).contains(RECOVERY);
  }

  @Test
  void disabledFlapDetectionNeverFlaps() {
    CheckPolicy off =
        new CheckPolicy(
            1,
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(30),
            Duration.ZERO,
            List.of(),
            false,
            20,
            30);
    Sim sim = Sim.service(off);
    for (int i = 0; i < 11; i++) {
      sim.results(CRITICAL, OK);
    }
    assertThat(sim.state.percentStateChange()).isGreaterThan(90);
    assertThat(sim.state.flapping()).isFalse();
    assertThat(types(sim.notifications)).doesNotContain(FLAPPINGSTART);
    assertThat(sim.notifications).hasSize(22);
  }

  @Test
  void disablingFlapDetectionEndsFlappingQuietlyAndReleasesHeldNotifications() {
    Sim sim = Sim.service(Sim.policy(1, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    while (!sim.state.flapping()) {
      sim.results(CRITICAL, OK);
    }
    sim.results(CRITICAL);
    assertThat(sim.state.pendingNotification()).isTrue();
    sim.policy =
        new CheckPolicy(
            1,
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(30),
            Duration.ZERO,
            List.of(),
            false,
            20,
            30);
    List<NotificationEvent> released = sim.tick();
    assertThat(types(released)).containsExactly(PROBLEM);
    assertThat(sim.state.flapping()).isFalse();
    assertThat(sim.history)
        .filteredOn(h -> h.kind().equals("FLAPPINGSTOP"))
        .extracting(HistoryEvent::detail)
        .containsExactly("flap detection disabled");
  }
}
