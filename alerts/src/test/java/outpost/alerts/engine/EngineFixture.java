package outpost.alerts.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.alerts.AlertInputs;
import outpost.alerts.AlertSettings;
import outpost.alerts.CheckView;
import outpost.alerts.MutableClock;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.SelfStatus;
import outpost.alerts.config.CheckBuilder;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.notify.ContactRouting;
import outpost.alerts.notify.Notifier;
import outpost.alerts.notify.OutboxNotifier;
import outpost.alerts.notify.TwilioSettings;
import outpost.index.LogEvent;
import outpost.index.LogStore;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;

/**
 * An engine over a real store in a temp directory, a fake clock and (unless a real notifier is
 * asked for) a recording notifier shared across restarts.
 */
final class EngineFixture implements AutoCloseable {
  static final String TOKEN = "test-auth-token-0123456789";
  static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);

  final Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  final LogStore store;
  final RecordingNotifier notifier = new RecordingNotifier();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Path checksFile;
  private final TwilioSettings twilio;
  private final Duration grouping;
  private final boolean outbox;

  /** The real notifier of the current engine, when asked for. */
  OutboxNotifier outboxNotifier;

  AlertEngine engine;

  EngineFixture(Path dir, String checksYaml) throws IOException {
    this(dir, checksYaml, new TwilioSettings(ACCOUNT, TOKEN, "+15550009999", null, null));
  }

  EngineFixture(Path dir, String checksYaml, TwilioSettings twilio) throws IOException {
    this(dir, checksYaml, twilio, Duration.ZERO, false);
  }

  /**
   * @param outbox true for the real {@link OutboxNotifier} (its delivery not started: tests call
   *     {@code deliverDue()})
   */
  EngineFixture(
      Path dir, String checksYaml, TwilioSettings twilio, Duration grouping, boolean outbox)
      throws IOException {
    this(
        dir,
        checksYaml,
        twilio,
        grouping,
        outbox,
        (clock, meters) ->
            LuceneLogStore.open(StoreConfig.defaults(dir.resolve("store")), clock, meters));
  }

  /** Opens the store the engine reads, on the fixture's clock. */
  interface StoreOpener {
    LogStore open(MutableClock clock, MeterRegistry meters) throws IOException;
  }

  /** An engine with the built-in checks over the store {@code stores} opens. */
  static EngineFixture over(Path dir, StoreOpener stores) throws IOException {
    return new EngineFixture(
        dir,
        null,
        new TwilioSettings(ACCOUNT, TOKEN, "+15550009999", null, null),
        Duration.ZERO,
        false,
        stores);
  }

  private EngineFixture(
      Path dir,
      String checksYaml,
      TwilioSettings twilio,
      Duration grouping,
      boolean outbox,
      StoreOpener stores)
      throws IOException {
    this.dir = dir;
    this.twilio = twilio;
    this.grouping = grouping;
    this.outbox = outbox;
    this.store = stores.open(clock, meters);
    if (checksYaml == null) {
      checksFile = null;
    } else {
      checksFile = dir.resolve("checks.yml");
      Files.writeString(checksFile, checksYaml);
    }
    engine = open();
  }

  AlertSettings settings() {
    return new AlertSettings(
        dir.resolve("data"),
        checksFile,
        "outpost",
        URI.create("https://outpost.example/"),
        twilio,
        grouping,
        10,
        64);
  }

  AlertInputs inputs() {
    return new AlertInputs(
        store, store.hosts(), store, () -> new SelfStatus(0, 0, 0, 1L << 40, 1L << 41, 0));
  }

  AlertEngine open() throws IOException {
    return AlertEngine.open(settings(), inputs(), meters, clock, parts(notifier));
  }

  /** The standard check kinds with {@code n} as the notifier. */
  EngineParts parts(Notifier n) {
    EngineParts standard = EngineParts.standard(settings(), meters, clock);
    return new EngineParts() {
      @Override
      public CheckBuilder checks(CheckEnvironment env) {
        return standard.checks(env);
      }

      @Override
      public Map<String, String> redacted(Map<String, String> params) {
        return standard.redacted(params);
      }

      @Override
      public NotifierSetup notifier(
          AlertDatabase db, ChecksFile file, Path path, ContactRouting routing) {
        if (outbox) {
          NotifierSetup real = standard.notifier(db, file, path, routing);
          outboxNotifier = (OutboxNotifier) real.notifier();
          return new NotifierSetup(real.notifier(), () -> {}, real.resources());
        }
        return new NotifierSetup(n, () -> {}, null);
      }
    };
  }

  void restart() throws IOException {
    engine.close();
    engine = open();
  }

  void log(String host, String app, String message) {
    log(host, app, "", message, Map.of());
  }

  void log(String host, String app, String msgId, String message, Map<String, String> fields) {
    Instant now = clock.instant();
    store
        .tryAppend(
            List.of(
                new LogEvent(
                    now, now, host, app, "", msgId, 1, 6, message, message, fields, "udp", "")))
        .join();
  }

  /** Starts every due check and waits for those runs. */
  void runDue() throws InterruptedException {
    for (Thread t : engine.runDue()) {
      t.join(Duration.ofSeconds(30));
    }
  }

  /** Advances time and runs what is due, {@code times} times. */
  void cycle(Duration step, int times) throws InterruptedException {
    for (int i = 0; i < times; i++) {
      clock.advance(step);
      runDue();
      engine.tick();
    }
  }

  CheckView view(String host, String service) {
    return engine.checks().stream()
        .filter(v -> v.host().equals(host) && v.service().equals(service))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no check " + host + "/" + service + " in " + names()));
  }

  List<String> names() {
    List<String> out = new ArrayList<>();
    engine.checks().forEach(v -> out.add(v.host() + "/" + v.service()));
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      engine.close();
    } finally {
      store.close();
    }
  }
}
