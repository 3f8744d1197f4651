package outpost.alerts.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import outpost.alerts.AckRequest;
import outpost.alerts.AlertInputs;
import outpost.alerts.AlertService;
import outpost.alerts.AlertSettings;
import outpost.alerts.AlertSummary;
import outpost.alerts.CheckDetail;
import outpost.alerts.CheckView;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.InboundSmsReply;
import outpost.alerts.PassiveResult;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Downtime;

/**
 * The running alerts: loads the checks file, opens {@code alerts.db}, schedules checks, applies the
 * state machine and hands notifications to the notifier. Thread-safe; whoever opens it closes it.
 */
public final class AlertEngine implements AlertService, AutoCloseable {

  private AlertEngine() {}

  /**
   * Loads the configuration and the persisted state; starts nothing yet.
   *
   * @throws IOException when the database cannot be opened
   * @throws outpost.alerts.config.AlertConfigException when the checks file is invalid (names the
   *     file, line, key and reason)
   */
  public static AlertEngine open(
      AlertSettings settings, AlertInputs inputs, MeterRegistry registry, InstantSource clock)
      throws IOException {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  /** Starts the scheduler and the notifier's delivery. */
  public void start() {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public List<CheckView> checks() {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public Optional<CheckDetail> check(long id) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public AlertSummary summary() {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public List<NotificationRecord> notifications(int limit) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public List<Downtime> downtimes() {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public boolean acknowledge(long checkId, AckRequest request) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public boolean removeAcknowledgement(long checkId, String author) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public Downtime scheduleDowntime(DowntimeRequest request) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public boolean cancelDowntime(long downtimeId, String author) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public boolean recheck(long checkId) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public void submitPassive(PassiveResult result) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public InboundSmsReply inboundSms(String url, Map<String, String> params, String signature) {
    throw new UnsupportedOperationException("issue 4: engine not built yet");
  }

  @Override
  public void close() {}
}
