package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import outpost.alerts.check.Status;

/**
 * Random sequences of results, ticks, acknowledgements, downtime and host problems, checked against
 * the notification invariants: no PROBLEM closer than notification_interval to the previous one of
 * the same problem unless a hard state change or an escalation came between (both notify at once),
 * never a RECOVERY without a PROBLEM before it, nothing but operator notices while held back.
 */
class StateMachinePropertyTest {
  private static final int SEEDS = 150;
  private static final int STEPS = 400;

  private final Map<String, Integer> seen = new TreeMap<>();

  @Test
  void notificationsNeverRepeatTooSoonAndRecoveryAlwaysFollowsAProblem() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      run(seed);
    }
    // the sequences reach every kind of notification, or the invariants above prove little
    assertThat(seen.keySet())
        .as("notification kinds seen: %s", seen)
        .contains(
            "PROBLEM",
            "PROBLEM again",
            "RECOVERY",
            "ACKNOWLEDGEMENT",
            "FLAPPINGSTART",
            "FLAPPINGSTOP",
            "DOWNTIMESTART",
            "DOWNTIMEEND");
    assertThat(escalated).as("escalated notifications").isPositive();
  }

  private int escalated;

  private void run(long seed) {
    Random rnd = new Random(seed);
    Duration interval = Duration.ofMinutes(rnd.nextInt(4) * 5L);
    List<Duration> escalations =
        rnd.nextBoolean() ? List.of() : List.of(Duration.ofMinutes(7), Duration.ofMinutes(19));
    CheckPolicy policy =
        Sim.policy(
            1 + rnd.nextInt(4), interval, Duration.ofMinutes(rnd.nextInt(3) * 2L), escalations);
    Sim sim = Sim.service(policy);
    NotificationEvent lastProblem = null;
    boolean open = false;
    for (int step = 0; step < STEPS; step++) {
      sim.advance(Duration.ofSeconds(10 + rnd.nextInt(120)));
      List<NotificationEvent> out = act(sim, rnd);
      for (NotificationEvent e : out) {
        String where = "seed " + seed + " step " + step + " policy " + policy;
        seen.merge(e.type() + (e.number() > 1 ? " again" : ""), 1, Integer::sum);
        switch (e.type()) {
          case PROBLEM -> {
            assertThat(sim.state.type()).as(where).isEqualTo(StateType.HARD);
            assertThat(sim.state.acknowledgement()).as(where).isNull();
            assertHeldBackNothing(sim, where);
            if (e.number() > 1) {
              assertThat(lastProblem).as(where + ": re-notification of nothing").isNotNull();
              assertThat(e.number()).as(where).isEqualTo(lastProblem.number() + 1);
              boolean escalated = e.escalationLevel() > lastProblem.escalationLevel();
              boolean changed = sim.state.lastHardStateChange().isAfter(lastProblem.at());
              if (!escalated && !changed) {
                assertThat(interval).as(where + ": re-notified with interval 0").isPositive();
                assertThat(Duration.between(lastProblem.at(), e.at()))
                    .as(where)
                    .isGreaterThanOrEqualTo(interval);
              }
            }
            if (e.escalationLevel() > 0) {
              escalated++;
            }
            lastProblem = e;
            open = true;
          }
          case RECOVERY -> {
            assertThat(open).as(where + ": RECOVERY without PROBLEM").isTrue();
            assertThat(sim.state.status()).as(where).isEqualTo(Status.OK);
            assertHeldBackNothing(sim, where);
            open = false;
            lastProblem = null;
          }
          default -> {}
        }
      }
    }
    assertThat(sim.notifications).as("seed " + seed).isNotEmpty();
  }

  private static void assertHeldBackNothing(Sim sim, String where) {
    assertThat(sim.inDowntime).as(where + ": notified in downtime").isFalse();
    assertThat(sim.hostProblem).as(where + ": notified while host down").isFalse();
    assertThat(sim.state.flapping()).as(where + ": notified while flapping").isFalse();
  }

  private static List<NotificationEvent> act(Sim sim, Random rnd) {
    int r = rnd.nextInt(100);
    if (r < 5) {
      sim.inDowntime = !sim.inDowntime;
    } else if (r < 9) {
      sim.hostProblem = !sim.hostProblem;
    }
    if (r >= 9 && r < 13 && sim.state.status().problem()) {
      Instant expires =
          rnd.nextBoolean() ? null : sim.now.plus(Duration.ofMinutes(1 + rnd.nextInt(40)));
      return sim.ack(rnd.nextBoolean(), expires);
    }
    if (r >= 13 && r < 15) {
      return sim.apply(sim.machine.removeAcknowledgement(sim.state, "bob", sim.context()));
    }
    if (r < 55) {
      return sim.tick();
    }
    // mostly steady results with bursts of change, so both flapping and long problems occur
    Status[] statuses = Status.values();
    Status next = rnd.nextInt(4) == 0 ? statuses[rnd.nextInt(4)] : sim.state.status();
    return sim.result(next);
  }
}
