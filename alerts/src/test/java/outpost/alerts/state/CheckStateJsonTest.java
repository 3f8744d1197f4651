package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.alerts.check.Status.CRITICAL;
import static outpost.alerts.check.Status.WARNING;
import static outpost.alerts.state.Sim.T0;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.PerfValue;

class CheckStateJsonTest {
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

  private static CheckState busyState() {
    Sim sim = Sim.service(Sim.policy(3, Duration.ofMinutes(30), Duration.ZERO, List.of()));
    sim.results(WARNING, CRITICAL, CRITICAL);
    sim.ack(true, T0.plus(Duration.ofHours(4)));
    sim.inDowntime = true;
    sim.tick();
    CheckResult withPerf =
        new CheckResult(
            CRITICAL,
            "connection refused",
            "",
            List.of(
                new PerfValue("time", 0.25, "s", "1", "2", 0.0, null),
                new PerfValue("size", Double.NaN, "B", "", "", null, null)),
            sim.now,
            Duration.ofMillis(3));
    sim.apply(sim.machine.onResult(sim.state, withPerf, sim.policy, sim.context()));
    return sim.state;
  }

  @Test
  void checkStateRoundTripsThroughJackson() throws Exception {
    CheckState state = busyState();
    assertThat(state.acknowledgement()).isNotNull();
    assertThat(state.firstNotification()).isNotNull();
    assertThat(state.recentStates()).hasSize(4);
    String text = json.writeValueAsString(state);
    CheckState back = json.readValue(text, CheckState.class);
    assertThat(back).isEqualTo(state);
    assertThat(back.perfData().get(1).value()).isNaN();
  }

  @Test
  void initialStateRoundTrips() throws Exception {
    CheckState state = new StateMachine().initial(3, new CheckKey("db-1", ""), T0);
    assertThat(json.readValue(json.writeValueAsString(state), CheckState.class)).isEqualTo(state);
  }

  @Test
  void jsonWithoutFirstNotificationReadsAsNull() throws Exception {
    CheckState state = busyState();
    ObjectNode tree = json.valueToTree(state);
    tree.remove("firstNotification");
    CheckState back = json.treeToValue(tree, CheckState.class);
    assertThat(back.firstNotification()).isNull();
    assertThat(back.notificationNumber()).isEqualTo(state.notificationNumber());
  }

  @Test
  void historyAndNotificationsRoundTrip() throws Exception {
    Sim sim = Sim.service();
    sim.results(CRITICAL, CRITICAL, CRITICAL);
    NotificationEvent event = sim.notifications.getFirst();
    assertThat(json.readValue(json.writeValueAsString(event), NotificationEvent.class))
        .isEqualTo(event);
    HistoryEvent line = sim.history.getFirst();
    assertThat(json.readValue(json.writeValueAsString(line), HistoryEvent.class)).isEqualTo(line);
  }
}
