package outpost.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import outpost.alerts.AckRequest;
import outpost.alerts.AlertService;
import outpost.alerts.AlertSummary;
import outpost.alerts.CheckDetail;
import outpost.alerts.CheckView;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.InboundSmsReply;
import outpost.alerts.PassiveResult;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Downtime;

/**
 * The alerts when {@code alerts.enabled} is false (a node that leaves them to another node serves
 * {@link outpost.alerts.AlertsElsewhere} instead). No checks, no notifications; what would change
 * state is refused with a message saying why, and no inbound SMS verifies. Immutable.
 */
final class DisabledAlerts implements AlertService {
  static final String DISABLED = "alerts are disabled (alerts.enabled is false)";

  private final String reason;

  /** Refuses changes with {@code reason}, e.g. {@link #DISABLED}. */
  DisabledAlerts(String reason) {
    this.reason = reason;
  }

  /** Why this node runs no alerts. */
  String reason() {
    return reason;
  }

  @Override
  public List<CheckView> checks() {
    return List.of();
  }

  @Override
  public Optional<CheckDetail> check(long id) {
    return Optional.empty();
  }

  @Override
  public AlertSummary summary() {
    return new AlertSummary(0, 0, 0, 0, 0, 0, 0, 0, List.of());
  }

  @Override
  public List<NotificationRecord> notifications(int limit) {
    return List.of();
  }

  @Override
  public List<Downtime> downtimes() {
    return List.of();
  }

  @Override
  public boolean acknowledge(long checkId, AckRequest request) {
    return false;
  }

  @Override
  public boolean removeAcknowledgement(long checkId, String author) {
    return false;
  }

  @Override
  public Downtime scheduleDowntime(DowntimeRequest request) {
    throw new IllegalArgumentException(reason);
  }

  @Override
  public boolean cancelDowntime(long downtimeId, String author) {
    return false;
  }

  @Override
  public boolean recheck(long checkId) {
    return false;
  }

  @Override
  public void submitPassive(PassiveResult result) {
    throw new IllegalArgumentException(reason);
  }

  @Override
  public InboundSmsReply inboundSms(String url, Map<String, String> params, String signature) {
    return new InboundSmsReply(false, "");
  }
}
