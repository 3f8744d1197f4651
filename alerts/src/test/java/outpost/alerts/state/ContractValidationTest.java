package outpost.alerts.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static outpost.alerts.state.Sim.T0;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import outpost.alerts.check.Status;

class ContractValidationTest {

  @Test
  void rejectsEscalationsOutOfOrder() {
    assertThatThrownBy(
            () ->
                Sim.policy(
                    3,
                    Duration.ofMinutes(30),
                    Duration.ZERO,
                    List.of(Duration.ofMinutes(20), Duration.ofMinutes(10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "escalation 2 at PT10M comes before escalation 1 at PT20M; escalations must be"
                + " ascending");
  }

  @Test
  void rejectsNegativeEscalation() {
    assertThatThrownBy(
            () ->
                Sim.policy(
                    3, Duration.ofMinutes(30), Duration.ZERO, List.of(Duration.ofMinutes(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("escalation 1 PT-1M must not be negative");
  }

  @Test
  void rejectsAcknowledgementExpiringBeforeItIsMade() {
    assertThatThrownBy(() -> new Acknowledgement("alice", "", false, T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after its time");
  }

  @Test
  void rejectsFlapHistoryLongerThan21() {
    assertThatThrownBy(() -> FlapDetector.percentStateChange(Collections.nCopies(22, Status.OK)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flap history of 22 entries exceeds 21");
  }

  @Test
  void rejectsZeroMaxCheckAttempts() {
    assertThatThrownBy(() -> Sim.policy(0, Duration.ofMinutes(30), Duration.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max_check_attempts 0 below 1");
  }
}
