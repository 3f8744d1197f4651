package outpost.alerts.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.NotificationEvent;

/**
 * The {@link Notifier} on a durable outbox. {@link #submit} routes an event to contacts and writes
 * one row per contact and channel in one transaction before it returns. A delivery thread ({@link
 * #start()}) calls {@link #deliverDue()} about every second: rows of one contact and channel are
 * held for the grouping window from the first one and then go out as one message; at most {@code
 * maxPerContactPerHour} messages go to a contact per channel, later rows wait and join the next
 * allowed message; temporary failures retry with backoff from 10 s doubling to 10 min, for as long
 * as they stay temporary; permanent failures are recorded and never retried.
 *
 * <p>A row is marked sent in the transaction right after the provider accepted it. If the process
 * dies between the provider's acceptance and that commit (a few milliseconds), the message goes out
 * once more after a restart; it is never lost. Every other restart resends exactly what was
 * pending.
 *
 * <p>Thread-safe. Whoever builds it closes it; {@link #close()} stops delivery and closes neither
 * the database nor the senders.
 */
public final class OutboxNotifier implements Notifier {
  public static final String SMS = "sms";
  public static final String WEBHOOK = "webhook";
  static final Duration FIRST_RETRY = Duration.ofSeconds(10);
  static final Duration MAX_RETRY = Duration.ofMinutes(10);
  private static final Duration RATE_WINDOW = Duration.ofHours(1);
  private static final long TICK_MILLIS = 1000;

  /** Finished rows older than this are deleted (pending ones never are). */
  static final Duration RETENTION = Duration.ofDays(90);

  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(OutboxNotifier.class);

  private final Outbox outbox;
  private final Recipients recipients;
  private final MessageDelivery delivery;
  private final Duration groupingWindow;
  private final int maxPerContactPerHour;
  private final InstantSource clock;
  private final NotificationMeters meters;
  private final AtomicLong permanentFailures = new AtomicLong();
  private final Semaphore wakeUp = new Semaphore(0);
  private final Object deliveryLock = new Object();
  private volatile boolean closed;
  private Thread thread;
  private Instant lastPrune = Instant.MIN;

  /**
   * @param sms null when Twilio is not configured: SMS rows then fail with "Twilio not configured"
   * @param webhook used for contacts with a webhook
   */
  public OutboxNotifier(
      AlertDatabase db,
      List<Contact> contacts,
      ContactRouting routing,
      SmsSender sms,
      WebhookSender webhook,
      Duration groupingWindow,
      int maxPerContactPerHour,
      InstantSource clock,
      MeterRegistry registry) {
    if (groupingWindow.isNegative()) {
      throw new IllegalArgumentException("grouping window " + groupingWindow + " is negative");
    }
    if (maxPerContactPerHour < 1) {
      throw new IllegalArgumentException(
          "max messages per contact per hour " + maxPerContactPerHour + " below 1");
    }
    this.delivery = new MessageDelivery(sms, webhook);
    this.groupingWindow = groupingWindow;
    this.maxPerContactPerHour = maxPerContactPerHour;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = new NotificationMeters(Objects.requireNonNull(registry, "registry"));
    this.outbox = new Outbox(db);
    this.recipients = new Recipients(contacts, routing, outbox, groupingWindow);
  }

  /** Starts the delivery thread; returns this. Safe to call once. */
  public synchronized OutboxNotifier start() {
    if (thread != null) {
      throw new IllegalStateException("notifier already started");
    }
    if (closed) {
      throw new IllegalStateException("notifier is closed");
    }
    thread = Thread.ofPlatform().name("outpost-notify").daemon().start(this::run);
    return this;
  }

  @Override
  public void submit(NotificationEvent event) {
    List<Outbox.Entry> rows = recipients.rows(event, clock.instant());
    if (rows.isEmpty()) {
      return;
    }
    outbox.insertAll(rows);
    for (Outbox.Entry r : rows) {
      meters.count(r.channel(), r.state().equals(Outbox.SUPPRESSED) ? "suppressed" : "queued", 1);
    }
    if (groupingWindow.isZero()) {
      wakeUp.release();
    }
  }

  /**
   * One delivery pass: sends every contact's due messages. Called by the delivery thread; tests
   * call it directly with a controlled clock.
   *
   * @return the number of messages handed to a provider (sent or not)
   */
  public int deliverDue() {
    synchronized (deliveryLock) {
      Instant now = clock.instant();
      Map<List<String>, List<Outbox.Entry>> groups = new LinkedHashMap<>();
      for (Outbox.Entry e : outbox.pending()) {
        groups
            .computeIfAbsent(
                List.of(e.contact(), e.channel(), e.destination()), k -> new ArrayList<>())
            .add(e);
      }
      pruneHourly(now);
      int attempts = 0;
      for (List<Outbox.Entry> rows : groups.values()) {
        if (closed) {
          break;
        }
        if (due(rows, now) && withinRateLimit(rows, now)) {
          deliver(rows, now);
          attempts++;
        }
      }
      return attempts;
    }
  }

  private void pruneHourly(Instant now) {
    if (lastPrune.isBefore(now.minus(PRUNE_EVERY))) {
      lastPrune = now;
      int deleted = outbox.prune(now.minus(RETENTION));
      if (deleted > 0) {
        LOG.info("deleted {} notifications older than {}", deleted, RETENTION);
      }
    }
  }

  private static boolean due(List<Outbox.Entry> rows, Instant now) {
    boolean anyDue = false;
    for (Outbox.Entry e : rows) {
      boolean rowDue = e.nextAttempt() == null || !e.nextAttempt().isAfter(now);
      if (e.attempts() > 0 && !rowDue) {
        return false; // a failed attempt is backing off; new rows wait with it
      }
      anyDue |= rowDue;
    }
    return anyDue;
  }

  private boolean withinRateLimit(List<Outbox.Entry> rows, Instant now) {
    Outbox.Entry first = rows.get(0);
    List<Instant> sent = outbox.sentAfter(first.contact(), first.channel(), now.minus(RATE_WINDOW));
    if (sent.size() < maxPerContactPerHour) {
      return true;
    }
    Instant next = sent.get(sent.size() - maxPerContactPerHour).plus(RATE_WINDOW);
    outbox.defer(
        rows,
        "rate limit: "
            + sent.size()
            + " messages in the last hour, limit "
            + maxPerContactPerHour
            + "; waiting to be grouped",
        next);
    return false;
  }

  private void deliver(List<Outbox.Entry> rows, Instant now) {
    Outbox.Entry carrier = rows.get(0);
    boolean grouped = rows.size() > 1;
    String text =
        grouped
            ? NotificationText.grouped(rows.stream().map(Outbox.Entry::item).toList())
            : carrier.text();
    SendOutcome outcome = delivery.send(carrier.channel(), carrier.destination(), text, rows);
    String channel = carrier.channel();
    switch (outcome) {
      case SendOutcome.Sent s -> {
        String subject = grouped ? rows.size() + " checks" : carrier.subject();
        outbox.markSent(carrier, rows.subList(1, rows.size()), text, subject, s.id(), now);
        meters.count(channel, "sent", 1);
        meters.count(channel, "grouped", rows.size() - 1);
      }
      case SendOutcome.TemporaryFailure t -> {
        int attempt = rows.stream().mapToInt(Outbox.Entry::attempts).max().orElse(0) + 1;
        Instant next = now.plus(backoff(attempt));
        outbox.markRetry(rows, describe(t.code(), t.reason()), next);
        meters.count(channel, "retried", 1);
        LOG.warn(
            "{} to contact {} failed temporarily (attempt {}), retrying at {}: {}",
            channel,
            carrier.contact(),
            attempt,
            next,
            t.reason());
      }
      case SendOutcome.PermanentFailure p -> {
        outbox.markFailed(rows, describe(p.code(), p.reason()));
        permanentFailures.addAndGet(rows.size());
        meters.count(channel, "failed", rows.size());
        LOG.error(
            "{} to contact {} failed permanently: {}", channel, carrier.contact(), p.reason());
      }
    }
  }

  /** 10 s after the first failure, doubling, at most 10 min. */
  static Duration backoff(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 16);
    Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }

  private static String describe(int code, String reason) {
    return code == 0 || reason.contains(String.valueOf(code)) ? reason : code + ": " + reason;
  }

  @Override
  public List<NotificationRecord> recent(int limit) {
    return outbox.recent(checkLimit(limit));
  }

  @Override
  public List<NotificationRecord> forCheck(long checkId, int limit) {
    return outbox.forCheck(checkId, checkLimit(limit));
  }

  private static int checkLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit " + limit + " is not within 1..10000");
    }
    return limit;
  }

  @Override
  public long permanentFailures() {
    return permanentFailures.get();
  }

  private void run() {
    while (!closed) {
      try {
        deliverDue();
      } catch (RuntimeException e) {
        LOG.error("notification delivery pass failed; retrying in a second", e);
      }
      try {
        if (wakeUp.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    wakeUp.release();
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
