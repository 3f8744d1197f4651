package outpost.alerts;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Downtime;

/**
 * What the web layer (and the server) may ask of the alerts: the check board, check details,
 * notification log, acknowledgements, downtime, re-checks, passive results and inbound SMS.
 * Thread-safe.
 */
public interface AlertService {

  /**
   * Where the checks and notifications run when it is not this node (several Outpost nodes on one
   * OpenSearch cluster run one scheduler); empty when they run here or are disabled.
   */
  default Optional<URI> elsewhere() {
    return Optional.empty();
  }

  /** Every check, ordered worst first (CRITICAL, UNKNOWN, WARNING, OK), then host and service. */
  List<CheckView> checks();

  /** One check with its history, performance data and notifications. */
  Optional<CheckDetail> check(long id);

  /** Counts by state and the current problems, for the overview page. */
  AlertSummary summary();

  /** The newest outbox entries, newest first. */
  List<NotificationRecord> notifications(int limit);

  /** Downtimes scheduled or in effect, soonest end first. */
  List<Downtime> downtimes();

  /**
   * Acknowledges a check's current problem.
   *
   * @return false when there is no such check
   * @throws IllegalStateException when the check is OK (nothing to acknowledge)
   */
  boolean acknowledge(long checkId, AckRequest request);

  /**
   * @return false when there is no such check or it was not acknowledged
   */
  boolean removeAcknowledgement(long checkId, String author);

  /**
   * Schedules downtime for a host (every check of it) or one service.
   *
   * @throws IllegalArgumentException when the host is unknown or the window is invalid
   */
  Downtime scheduleDowntime(DowntimeRequest request);

  /**
   * @return false when there is no such downtime
   */
  boolean cancelDowntime(long downtimeId, String author);

  /** Runs a check as soon as possible. @return false when there is no such check */
  boolean recheck(long checkId);

  /**
   * Records a passive result (from an agent heartbeat or the API) and applies it at once.
   *
   * @throws IllegalArgumentException when the result is invalid (blank host, too long output)
   */
  void submitPassive(PassiveResult result);

  /**
   * Handles Twilio's inbound-SMS webhook: verifies {@code X-Twilio-Signature} over the public URL
   * and the form parameters with the account's auth token, then runs {@code ACK <id>} / {@code ACK
   * ALL} for a known contact's number.
   *
   * @param url the full public URL Twilio posted to (as configured, not as seen behind a proxy)
   * @param params the POSTed form parameters
   * @param signature the {@code X-Twilio-Signature} header, may be null
   */
  InboundSmsReply inboundSms(String url, Map<String, String> params, String signature);
}
