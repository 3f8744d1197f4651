package outpost.alerts;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Downtime;

/**
 * The alerts of an Outpost node that does not run the scheduler (several nodes on one OpenSearch
 * cluster, {@code alerts.scheduler: false}): it has no checks of its own and does not pretend to.
 * Everything but the overview's summary throws {@link AlertsElsewhereException} naming the node
 * that runs them; the summary is empty and {@link #elsewhere()} says where to look. Immutable.
 */
public final class AlertsElsewhere implements AlertService {
  private final URI node;

  /**
   * @param node the URL of the node that runs the alerts, as users reach its web UI
   */
  public AlertsElsewhere(URI node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  @Override
  public Optional<URI> elsewhere() {
    return Optional.of(node);
  }

  private AlertsElsewhereException refused() {
    return new AlertsElsewhereException(node);
  }

  @Override
  public List<CheckView> checks() {
    throw refused();
  }

  @Override
  public Optional<CheckDetail> check(long id) {
    throw refused();
  }

  /** Empty: the overview shows where the alerts run instead. */
  @Override
  public AlertSummary summary() {
    return new AlertSummary(0, 0, 0, 0, 0, 0, 0, 0, List.of());
  }

  @Override
  public List<NotificationRecord> notifications(int limit) {
    throw refused();
  }

  @Override
  public List<Downtime> downtimes() {
    throw refused();
  }

  @Override
  public boolean acknowledge(long checkId, AckRequest request) {
    throw refused();
  }

  @Override
  public boolean removeAcknowledgement(long checkId, String author) {
    throw refused();
  }

  @Override
  public Downtime scheduleDowntime(DowntimeRequest request) {
    throw refused();
  }

  @Override
  public boolean cancelDowntime(long downtimeId, String author) {
    throw refused();
  }

  @Override
  public boolean recheck(long checkId) {
    throw refused();
  }

  @Override
  public void submitPassive(PassiveResult result) {
    throw refused();
  }

  @Override
  public InboundSmsReply inboundSms(String url, Map<String, String> params, String signature) {
    throw refused();
  }
}
