package outpost.web;

import java.time.Instant;
import java.util.List;
import outpost.alerts.CheckView;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.StateType;

/** Checks and notifications for the checks API tests. Stateless. */
final class AlertFixtures {
  private AlertFixtures() {}

  /** A service check with a result; {@code since} is its last state change. */
  static CheckView check(
      long id, String host, String service, Status status, String output, Instant since) {
    return new CheckView(
        id,
        host,
        service,
        "http",
        status,
        null,
        StateType.HARD,
        status.problem() ? 3 : 1,
        3,
        output,
        List.of(new PerfValue("time", 0.25, "s", "1", "5", 0.0, Double.NaN)),
        since.plusSeconds(30),
        since.plusSeconds(90),
        since,
        false,
        null,
        false,
        "");
  }

  /** A check that has not run yet. */
  static CheckView pending(long id, String host, String service) {
    return new CheckView(
        id,
        host,
        service,
        "tcp",
        Status.OK,
        null,
        StateType.HARD,
        1,
        3,
        "",
        List.of(),
        null,
        null,
        null,
        false,
        null,
        false,
        "");
  }

  static NotificationRecord notification(long id, Instant created, long checkId, String text) {
    return new NotificationRecord(
        id,
        created,
        "PROBLEM",
        checkId,
        "web-2/http",
        "oncall",
        "sms",
        "+4479****1234",
        text,
        "sent",
        1,
        null,
        "",
        created.plusSeconds(1),
        "SM123");
  }
}
