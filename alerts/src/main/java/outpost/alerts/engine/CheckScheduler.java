package outpost.alerts.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.check.CheckResult;
import outpost.alerts.state.CheckPolicy;
import outpost.alerts.state.CheckState;
import outpost.alerts.state.Downtime;
import outpost.alerts.state.Downtimes;

/**
 * Runs checks when due: each first at a random offset within its interval (so a hundred checks do
 * not all fire at once), then at the state's {@code nextCheck}. Every run gets its own virtual
 * thread, at most {@code threads} run at once, the loop never waits on a run (one slow check never
 * delays the others) and a check never runs twice at once. A tick every second lets time pass for
 * every check (re-notification, escalation, acknowledgement expiry, downtime). Time comes from the
 * injected clock; tests call {@link #runDue()} and {@link #tick()} directly. Thread-safe; the
 * engine closes it.
 */
final class CheckScheduler implements AutoCloseable {
  static final Duration LOOP_PERIOD = Duration.ofMillis(100);
  static final Duration TICK_PERIOD = Duration.ofSeconds(1);

  /** Checks overdue at start are spread over at most this, not their whole interval. */
  static final Duration MAX_RESTART_SPREAD = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);

  private final CheckRegistry registry;
  private final StateUpdater updater;
  private final DowntimeStore downtimes;
  private final EngineMetrics metrics;
  private final InstantSource clock;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final java.util.Set<Thread> runs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Thread loop;

  CheckScheduler(
      CheckRegistry registry,
      StateUpdater updater,
      DowntimeStore downtimes,
      EngineMetrics metrics,
      InstantSource clock,
      int threads) {
    this.registry = registry;
    this.updater = updater;
    this.downtimes = downtimes;
    this.metrics = metrics;
    this.clock = clock;
    this.slots = new Semaphore(threads);
  }

  /** When a check (new, or loaded with {@code state}) runs first. */
  static Instant firstDue(CheckPolicy policy, CheckState state, Instant now) {
    if (state.lastCheck() != null && state.nextCheck().isAfter(now)) {
      return state.nextCheck();
    }
    Duration spread = policy.checkInterval();
    if (state.lastCheck() != null && spread.compareTo(MAX_RESTART_SPREAD) > 0) {
      spread = MAX_RESTART_SPREAD;
    }
    return now.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, spread.toMillis())));
  }

  synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("scheduler already started");
    }
    loop = Thread.ofPlatform().name("outpost-alerts-scheduler").daemon().start(this::loop);
  }

  private void loop() {
    long nextTick = 0;
    while (!closed) {
      try {
        runDue();
        if (System.nanoTime() - nextTick >= 0) {
          tick();
          nextTick = System.nanoTime() + TICK_PERIOD.toNanos();
        }
        wake.tryAcquire(LOOP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("alert scheduler step failed; continuing", e);
      }
    }
  }

  /** Starts every due check that is not running; @return the runs started. */
  List<Thread> runDue() {
    Instant now = clock.instant();
    List<Thread> started = new ArrayList<>();
    for (ScheduledCheck c : registry.all()) {
      if (closed) {
        break;
      }
      if (!c.due().isAfter(now) && c.running().compareAndSet(false, true)) {
        metrics.late(Duration.between(c.due(), now));
        Thread t = Thread.ofVirtual().name("check-" + c.id()).unstarted(() -> run(c));
        runs.add(t);
        t.start();
        started.add(t);
      }
    }
    return started;
  }

  private void run(ScheduledCheck c) {
    try {
      slots.acquire();
      try {
        long t0 = System.nanoTime();
        CheckResult r = runCheck(c);
        metrics.ran(c.kind(), Duration.ofNanos(System.nanoTime() - t0));
        if (!closed && applies(c, r)) {
          updater.result(c, r, clock.instant(), null);
        }
      } finally {
        slots.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("check {} ({}) could not be applied", c.key(), c.kind(), e);
    } finally {
      reschedule(c);
      c.running().set(false);
      runs.remove(Thread.currentThread());
    }
  }

  private CheckResult runCheck(ScheduledCheck c) throws InterruptedException {
    Instant start = clock.instant();
    try {
      return c.check().run();
    } catch (RuntimeException e) {
      // a check must not throw for what it checks; this is a bug in the check, shown as UNKNOWN
      LOG.warn("check {} ({}) threw", c.key(), c.kind(), e);
      return Results.unknown("check failed: " + e, start, clock.instant());
    }
  }

  /**
   * A passive check's run only matters when it reports something new (a stale result); the posted
   * result itself was applied when it arrived.
   */
  private static boolean applies(ScheduledCheck c, CheckResult r) {
    CheckState s = c.state();
    return !c.kind().equals("passive")
        || s.lastCheck() == null
        || r.checkedAt().isAfter(s.lastCheck());
  }

  private void reschedule(ScheduledCheck c) {
    Instant now = clock.instant();
    Instant next = c.state().nextCheck();
    if (!next.isAfter(now)) {
      next = now.plus(c.policy().retryInterval());
    }
    // a re-check asked for while this run was under way runs once more
    c.due(c.recheck().getAndSet(false) ? now : next);
  }

  /** Time passing for every check, and downtimes that ended removed. */
  void tick() {
    Instant now = clock.instant();
    List<Downtime> all = downtimes.all();
    List<Downtime> ended = Downtimes.ended(all, now);
    if (!ended.isEmpty()) {
      downtimes.remove(ended.stream().map(Downtime::id).toList());
      all = downtimes.all();
    }
    for (ScheduledCheck c : registry.all()) {
      if (closed) {
        break;
      }
      try {
        updater.tick(c, now, all);
      } catch (RuntimeException e) {
        LOG.error("tick of check {} failed", c.key(), e);
      }
    }
    updater.flush();
  }

  /** Runs the check as soon as possible. */
  void recheck(ScheduledCheck c) {
    if (c.running().get()) {
      c.recheck().set(true);
    }
    c.due(clock.instant());
    wake.release();
  }

  /** Waits for runs in flight (tests). */
  void awaitRuns(Duration timeout) throws InterruptedException {
    List<Thread> copy = List.copyOf(runs);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : copy) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        t.join(Duration.ofNanos(left));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread l;
    synchronized (this) {
      l = loop;
    }
    List<Thread> copy = List.copyOf(runs);
    if (l != null) {
      l.interrupt();
      join(l);
    }
    copy.forEach(Thread::interrupt);
    copy.forEach(CheckScheduler::join);
    try {
      updater.flush();
    } catch (RuntimeException e) {
      LOG.error("last routine check states could not be written", e);
    }
  }

  private static void join(Thread t) {
    try {
      if (!t.join(Duration.ofSeconds(10))) {
        LOG.warn("{} did not stop within 10 s", t.getName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
