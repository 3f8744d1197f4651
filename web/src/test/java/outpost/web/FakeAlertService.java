package outpost.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import outpost.alerts.AckRequest;
import outpost.alerts.AlertService;
import outpost.alerts.AlertSummary;
import outpost.alerts.CheckDetail;
import outpost.alerts.CheckView;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.InboundSmsReply;
import outpost.alerts.PassiveResult;
import outpost.alerts.check.Status;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.Downtime;

/**
 * An in-memory {@link AlertService} for web tests: checks put in by the test, acknowledgements,
 * downtimes and passive results applied to them, and an inbound-SMS check that verifies Twilio's
 * signature (HMAC-SHA1 over the URL and the sorted parameters, Base64) with {@link #AUTH_TOKEN} and
 * answers {@code ACK <id>}. Records what it was asked. Thread-safe.
 */
final class FakeAlertService implements AlertService {
  static final String AUTH_TOKEN = "fake-twilio-auth-token";

  private final InstantSource clock;
  private final Map<Long, CheckView> checks = new ConcurrentHashMap<>();
  private final Map<Long, CheckDetail> details = new ConcurrentHashMap<>();
  private final Map<Long, Downtime> downtimes = new ConcurrentHashMap<>();
  private final List<NotificationRecord> notifications = new CopyOnWriteArrayList<>();
  final List<PassiveResult> passive = new CopyOnWriteArrayList<>();
  final List<Long> rechecks = new CopyOnWriteArrayList<>();
  final List<String> inboundUrls = new CopyOnWriteArrayList<>();
  volatile int lastNotificationLimit;
  private final AtomicLong nextDowntime = new AtomicLong(1);

  FakeAlertService(InstantSource clock) {
    this.clock = clock;
  }

  void put(CheckView check) {
    checks.put(check.id(), check);
  }

  void putDetail(CheckDetail detail) {
    put(detail.check());
    details.put(detail.check().id(), detail);
  }

  void addNotification(NotificationRecord record) {
    notifications.add(record);
  }

  CheckView get(long id) {
    return checks.get(id);
  }

  /** The signature Twilio would send for {@code url} and {@code params}. */
  static String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<CheckView> checks() {
    return checks.values().stream()
        .sorted(
            Comparator.comparingInt((CheckView c) -> severity(c.status()))
                .thenComparing(CheckView::host)
                .thenComparing(CheckView::service))
        .toList();
  }

  private static int severity(Status s) {
    return switch (s) {
      case CRITICAL -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case OK -> 3;
    };
  }

  @Override
  public Optional<CheckDetail> check(long id) {
    CheckView view = checks.get(id);
    if (view == null) {
      return Optional.empty();
    }
    CheckDetail detail = details.get(id);
    return Optional.of(
        detail == null
            ? new CheckDetail(view, List.of(), List.of(), List.of(), List.of(), Map.of())
            : new CheckDetail(
                view,
                detail.history(),
                detail.perf(),
                detail.notifications(),
                detail.downtimes(),
                detail.definition()));
  }

  @Override
  public AlertSummary summary() {
    List<CheckView> all = checks();
    int[] counts = new int[4];
    all.stream().filter(c -> c.lastCheck() != null).forEach(c -> counts[c.status().ordinal()]++);
    return new AlertSummary(
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        (int) all.stream().filter(c -> c.lastCheck() == null).count(),
        (int) all.stream().filter(c -> c.acknowledgement() != null).count(),
        (int) all.stream().filter(CheckView::inDowntime).count(),
        (int) all.stream().filter(CheckView::flapping).count(),
        all.stream()
            .filter(c -> c.status().problem() && c.acknowledgement() == null && !c.inDowntime())
            .toList());
  }

  @Override
  public List<NotificationRecord> notifications(int limit) {
    lastNotificationLimit = limit;
    List<NotificationRecord> newest = new ArrayList<>(notifications);
    newest.sort(Comparator.comparing(NotificationRecord::created).reversed());
    return newest.subList(0, Math.min(limit, newest.size()));
  }

  @Override
  public List<Downtime> downtimes() {
    return downtimes.values().stream().sorted(Comparator.comparing(Downtime::end)).toList();
  }

  @Override
  public boolean acknowledge(long checkId, AckRequest request) {
    CheckView c = checks.get(checkId);
    if (c == null) {
      return false;
    }
    if (!c.status().problem()) {
      throw new IllegalStateException("check " + checkId + " is OK; nothing to acknowledge");
    }
    put(
        withAck(
            c,
            new Acknowledgement(
                request.author(),
                request.comment(),
                request.sticky(),
                clock.instant(),
                request.expires())));
    return true;
  }

  @Override
  public boolean removeAcknowledgement(long checkId, String author) {
    CheckView c = checks.get(checkId);
    if (c == null || c.acknowledgement() == null) {
      return false;
    }
    put(withAck(c, null));
    return true;
  }

  static CheckView withAck(CheckView c, Acknowledgement ack) {
    return new CheckView(
        c.id(),
        c.host(),
        c.service(),
        c.kind(),
        c.status(),
        c.hostStatus(),
        c.stateType(),
        c.attempt(),
        c.maxAttempts(),
        c.output(),
        c.perfData(),
        c.lastCheck(),
        c.nextCheck(),
        c.lastStateChange(),
        c.flapping(),
        ack,
        c.inDowntime(),
        ack == null ? "" : "acknowledged");
  }

  @Override
  public Downtime scheduleDowntime(DowntimeRequest r) {
    if (checks.values().stream().noneMatch(c -> c.host().equals(r.host()))) {
      throw new IllegalArgumentException("unknown host '" + r.host() + "'");
    }
    long id = nextDowntime.getAndIncrement();
    Downtime d =
        new Downtime(
            id,
            r.host(),
            r.service(),
            r.start(),
            r.end(),
            r.fixed(),
            r.duration() == null ? Duration.between(r.start(), r.end()) : r.duration(),
            r.author(),
            r.comment(),
            r.fixed() ? r.start() : null);
    downtimes.put(id, d);
    return d;
  }

  @Override
  public boolean cancelDowntime(long downtimeId, String author) {
    return downtimes.remove(downtimeId) != null;
  }

  @Override
  public boolean recheck(long checkId) {
    if (!checks.containsKey(checkId)) {
      return false;
    }
    rechecks.add(checkId);
    return true;
  }

  @Override
  public void submitPassive(PassiveResult result) {
    if (result.output().contains("\0")) {
      throw new IllegalArgumentException("output holds a NUL character");
    }
    passive.add(result);
  }

  @Override
  public InboundSmsReply inboundSms(String url, Map<String, String> params, String signature) {
    inboundUrls.add(url);
    String expected = sign(url, params);
    if (signature == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII))) {
      return new InboundSmsReply(false, "");
    }
    String body = params.getOrDefault("Body", "").strip();
    if (body.isEmpty()) {
      return new InboundSmsReply(true, "");
    }
    if (body.startsWith("ACK ")) {
      long id = Long.parseLong(body.substring(4).strip());
      boolean known =
          acknowledge(id, new AckRequest(params.getOrDefault("From", "?"), "by SMS", false, null));
      return new InboundSmsReply(true, known ? "acknowledged " + id : "no check " + id);
    }
    return new InboundSmsReply(true, "unknown command <" + body + "> & ignored");
  }
}
