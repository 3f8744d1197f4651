package outpost.alerts.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.SelfStatus;
import outpost.alerts.config.CheckBuilder;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.ChecksFileLoader;
import outpost.alerts.config.StaticHost;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.notify.Notifier;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.Downtime;

/**
 * The running alerts: loads the checks file, opens {@code alerts.db}, schedules checks, applies the
 * state machine and hands notifications to the notifier. Thread-safe; whoever opens it closes it.
 */
public final class AlertEngine implements AlertService, AutoCloseable {
  /** How often the host directory is read for new, retired and returning hosts. */
  static final Duration HOST_POLL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private final AlertDatabase db;
  private final EngineParts.NotifierSetup notifier;
  private final CheckRegistry registry = new CheckRegistry();
  private final DowntimeStore downtimes;
  private final StateUpdater updater;
  private final CheckScheduler scheduler;
  private final HostWatcher hosts;
  private final HeartbeatListener heartbeats;
  private final CheckViews views;
  private final InboundSms inboundSms;
  private final PassiveIntake passive;
  private final ScheduledExecutorService hostPoller;
  private final InstantSource clock;
  private final DowntimeRequests downtimeRequests;
  private boolean started;
  private boolean closed;

  private AlertEngine(
      AlertSettings settings,
      AlertInputs inputs,
      MeterRegistry meters,
      InstantSource clock,
      EngineParts parts,
      AlertDatabase db)
      throws IOException {
    this.db = db;
    this.clock = clock;
    db.ensureSchema(EngineSchema.STATEMENTS);
    PassiveStore passiveStore = new PassiveStore(db);
    downtimes = new DowntimeStore(db);
    NotifierRef ref = new NotifierRef();
    Supplier<SelfStatus> self = () -> withNotifier(inputs.self().get(), ref.notifier);
    CheckBuilder builder =
        parts.checks(
            new CheckEnvironment(inputs.search(), inputs.hosts(), passiveStore, self, clock));
    ChecksFile file =
        settings.checksFile() == null
            ? ChecksFile.builtIn()
            : new ChecksFileLoader(builder, settings.selfName()).load(settings.checksFile());
    notifier =
        parts.notifier(
            db, file, settings.checksFile(), new ConfiguredRouting(registry, file.routing()));
    ref.notifier = notifier.notifier();
    Map<String, List<String>> parents = new HashMap<>();
    for (StaticHost h : file.hosts()) {
      parents.put(h.name(), h.parents());
    }
    updater = new StateUpdater(db, registry, downtimes, parents, notifier.notifier());
    EngineMetrics metrics = new EngineMetrics(meters, registry);
    scheduler =
        new CheckScheduler(
            registry, updater, downtimes, metrics, clock, settings.schedulerThreads());
    CheckProvisioner provisioner =
        new CheckProvisioner(
            new StateStore(db), registry, updater, builder, parts::redacted, clock);
    hosts = new HostWatcher(inputs.hosts(), file, provisioner, settings.selfName());
    passive =
        new PassiveIntake(
            inputs.hosts(), file, provisioner, registry, updater, passiveStore, clock);
    heartbeats = new HeartbeatListener(inputs.tail(), passive::heartbeat);
    views =
        new CheckViews(
            registry, new HistoryStore(db), downtimes, notifier.notifier(), clock, updater::flush);
    downtimeRequests = new DowntimeRequests(registry, inputs.hosts(), file);
    inboundSms = new InboundSms(settings.twilio(), file.contacts(), registry, updater, clock);
    hostPoller =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outpost-alerts-hosts").daemon().factory());
    hosts.provisionConfigured();
  }

  /** Holds the notifier for the self check, which is built before it. */
  private static final class NotifierRef {
    volatile Notifier notifier;
  }

  private static SelfStatus withNotifier(SelfStatus s, Notifier n) {
    long failures = n == null ? 0 : n.permanentFailures();
    return new SelfStatus(
        s.messagesAccepted(),
        s.indexLag(),
        s.journalBytes(),
        s.diskFreeBytes(),
        s.diskTotalBytes(),
        s.notificationFailures() + failures);
  }

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
    return open(settings, inputs, registry, clock, EngineParts.standard(settings, registry, clock));
  }

  /**
   * Validates {@code settings}' checks file as {@link #open} would load it, without opening the
   * database or running a check; for {@code bin/outpost check-config}.
   *
   * @throws outpost.alerts.config.AlertConfigException naming the file, line, key and reason
   * @throws IOException when the checks file cannot be read
   */
  public static void validate(AlertSettings settings) throws IOException {
    ChecksValidation.validate(settings);
  }

  static AlertEngine open(
      AlertSettings settings,
      AlertInputs inputs,
      MeterRegistry registry,
      InstantSource clock,
      EngineParts parts)
      throws IOException {
    AlertDatabase db = AlertDatabase.open(settings.dataDir());
    try {
      return new AlertEngine(settings, inputs, registry, clock, parts, db);
    } catch (IOException | RuntimeException e) {
      try {
        db.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Starts the scheduler, host discovery, the heartbeat listener and the notifier's delivery. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("alert engine is closed");
    }
    if (started) {
      throw new IllegalStateException("alert engine already started");
    }
    started = true;
    notifier.start().run();
    heartbeats.start();
    hostPoller.scheduleWithFixedDelay(
        this::pollHosts, HOST_POLL.toMillis(), HOST_POLL.toMillis(), TimeUnit.MILLISECONDS);
    scheduler.start();
  }

  void pollHosts() {
    try {
      hosts.poll();
    } catch (RuntimeException e) {
      LOG.error("host discovery pass failed", e);
    }
  }

  /** Starts every due check (tests drive time with a fake clock). */
  List<Thread> runDue() {
    return scheduler.runDue();
  }

  void tick() {
    scheduler.tick();
  }

  void awaitRuns(Duration timeout) throws InterruptedException {
    scheduler.awaitRuns(timeout);
  }

  HeartbeatListener heartbeats() {
    return heartbeats;
  }

  Optional<ScheduledCheck> scheduled(long id) {
    return registry.get(id);
  }

  @Override
  public List<CheckView> checks() {
    return views.all();
  }

  @Override
  public Optional<CheckDetail> check(long id) {
    return views.detail(id);
  }

  @Override
  public AlertSummary summary() {
    return views.summary();
  }

  @Override
  public List<NotificationRecord> notifications(int limit) {
    return notifier.notifier().recent(limit);
  }

  @Override
  public List<Downtime> downtimes() {
    return downtimes.all();
  }

  @Override
  public boolean acknowledge(long checkId, AckRequest request) {
    Optional<ScheduledCheck> c = registry.get(checkId);
    if (c.isEmpty()) {
      return false;
    }
    var now = clock.instant();
    updater.acknowledge(
        c.get(),
        new Acknowledgement(
            request.author(), request.comment(), request.sticky(), now, request.expires()),
        now);
    return true;
  }

  @Override
  public boolean removeAcknowledgement(long checkId, String author) {
    return registry
        .get(checkId)
        .map(c -> updater.removeAcknowledgement(c, author, clock.instant()))
        .orElse(false);
  }

  @Override
  public Downtime scheduleDowntime(DowntimeRequest request) {
    return downtimes.add(downtimeRequests.downtime(request));
  }

  @Override
  public boolean cancelDowntime(long downtimeId, String author) {
    boolean known = downtimes.all().stream().anyMatch(d -> d.id() == downtimeId);
    if (known) {
      LOG.info("downtime {} cancelled by {}", downtimeId, author);
    }
    return known && downtimes.remove(List.of(downtimeId));
  }

  @Override
  public boolean recheck(long checkId) {
    Optional<ScheduledCheck> c = registry.get(checkId);
    c.ifPresent(scheduler::recheck);
    return c.isPresent();
  }

  @Override
  public void submitPassive(PassiveResult result) {
    passive.submit(result);
  }

  @Override
  public InboundSmsReply inboundSms(String url, Map<String, String> params, String signature) {
    return inboundSms.handle(url, params, signature);
  }

  /** Stops everything started and closes the database; safe twice. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    hostPoller.shutdownNow();
    heartbeats.close();
    scheduler.close();
    List<Exception> failures = new ArrayList<>();
    EngineParts.closeQuietly(notifier.notifier(), failures);
    EngineParts.closeQuietly(notifier.resources(), failures);
    EngineParts.closeQuietly(db, failures);
    if (!failures.isEmpty()) {
      IllegalStateException e = new IllegalStateException("alert engine did not close cleanly");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }
}
