package outpost.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.AlertInputs;
import outpost.alerts.AlertService;
import outpost.alerts.AlertSettings;
import outpost.alerts.AlertSummary;
import outpost.alerts.engine.AlertEngine;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;
import outpost.index.StoreStatus;
import outpost.ingest.IngestConfig;
import outpost.ingest.IngestPorts;
import outpost.ingest.IngestStatus;
import outpost.ingest.SyslogIngest;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.transport.relp.StoreJournaledLookup;
import outpost.server.backup.Backups;
import outpost.server.backup.ControlServer;
import outpost.server.backup.DataDirLock;
import outpost.web.ComponentHealth;
import outpost.web.HealthSource;
import outpost.web.WebConfig;
import outpost.web.WebServer;
import outpost.web.WebServices;
import outpost.web.auth.PasswordHasher;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.search.SavedSearchStore;

/**
 * The running server: builds the object graph from an {@link OutpostConfig} by calling
 * constructors, starts index, alerts, ingest and web in that order, and closes them in reverse.
 *
 * <p>Thread-safe; {@link #close()} is safe twice. Whoever calls {@link #start} closes it.
 */
public final class Outpost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outpost.class);

  /** The minimum free disk below which retention deletes the oldest days. */
  private static final long MIN_FREE_DISK_BYTES = 1L << 30;

  private final Deque<AutoCloseable> openParts;
  private final IngestPorts syslogPorts;
  private final int webPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Outpost(Deque<AutoCloseable> openParts, IngestPorts syslogPorts, int webPort) {
    this.openParts = openParts;
    this.syslogPorts = syslogPorts;
    this.webPort = webPort;
  }

  /** Starts Outpost with the system clock. */
  public static Outpost start(OutpostConfig config) {
    return start(config, InstantSource.system());
  }

  /**
   * Starts every component; on failure closes what had started and throws.
   *
   * @throws UncheckedIOException when a directory, file or port cannot be used
   */
  public static Outpost start(OutpostConfig config, InstantSource clock) {
    Deque<AutoCloseable> open = new ArrayDeque<>();
    try {
      Files.createDirectories(config.dataDir());
      // first: a second server (or an offline backup or restore) must not open the same files
      open.push(DataDirLock.acquire(config.dataDir()));
      // Users, tokens and saved searches first: a bad file should stop start-up before any port
      // is bound.
      UserStore users =
          UserStore.open(
              config.dataDir().resolve(UserStore.FILE_NAME),
              config.adminPassword().orElse(null),
              System.out,
              new PasswordHasher(),
              clock);
      TokenStore tokens = TokenStore.open(config.dataDir().resolve(TokenStore.FILE_NAME), clock);
      SavedSearchStore savedSearches =
          SavedSearchStore.open(config.dataDir().resolve(SavedSearchStore.FILE_NAME), clock);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      open.push(registry::close);
      LuceneLogStore store = LuceneLogStore.open(storeConfig(config), clock, registry);
      open.push(store);
      SelfStatusSource self = new SelfStatusSource(store, config.dataDir());
      AlertService alerts = startAlerts(config.alerts(), store, self, registry, clock, open);
      OutpostConfig.Syslog syslog = config.syslog();
      SyslogEventDecoder tcpDecoder =
          new SyslogEventDecoder(parserConfig(syslog, syslog.tcpZone()));
      SyslogIngest ingest =
          new SyslogIngest(
              ingestConfig(syslog),
              new SyslogEventDecoder(parserConfig(syslog, syslog.udpZone())),
              tcpDecoder,
              tcpDecoder,
              tcpDecoder,
              store,
              new StoreJournaledLookup(store),
              registry,
              clock);
      open.push(ingest);
      IngestPorts ports = ingest.start();
      self.ingest(ingest);
      Map<String, HealthSource> health = new LinkedHashMap<>();
      health.put("ingest", () -> ingestHealth(ingest.status()));
      health.put("index", () -> storeHealth(store.status()));
      health.put("alerts", () -> alertsHealth(config.alerts() != null, alerts.summary()));
      WebServices services =
          new WebServices(
              store,
              store,
              store.hosts(),
              health,
              users,
              tokens,
              savedSearches,
              alerts,
              config.alerts() == null ? null : config.alerts().publicUrl());
      WebServer web = new WebServer(webConfig(config.web()), services, registry, clock);
      open.push(web);
      int webPort = web.start();
      startControl(config, store, clock, open);
      LOG.info(
          "Outpost started: syslog udp={} tcp={} tls={} relp={} relp-tls={}, web={}, data={}",
          ports.udpPort(),
          ports.tcpPort(),
          ports.tlsPort(),
          ports.relpPort(),
          ports.relpTlsPort(),
          webPort,
          config.dataDir());
      return new Outpost(open, ports, webPort);
    } catch (IOException | RuntimeException e) {
      closeAll(open);
      throw e instanceof IOException io
          ? new UncheckedIOException(io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /**
   * Starts the control socket on which {@code outpost backup} asks for an online backup. A path too
   * long for a Unix socket (about 100 bytes) costs only online backups, not the server.
   */
  private static void startControl(
      OutpostConfig config, LuceneLogStore store, InstantSource clock, Deque<AutoCloseable> open) {
    Path socket = config.dataDir().resolve(ControlServer.SOCKET_NAME);
    try {
      open.push(
          ControlServer.start(
              socket,
              (target, previous, progress) ->
                  Backups.run(
                      config.dataDir(), store.backup(), target, previous, clock, progress)));
    } catch (IOException e) {
      LOG.error("online backups unavailable: {}", e.getMessage(), e);
    }
  }

  /**
   * Opens and starts the alert engine (checks file, {@code alerts.db}) and registers it for
   * closing; the disabled stand-in when {@code settings} is null.
   */
  private static AlertService startAlerts(
      AlertSettings settings,
      LuceneLogStore store,
      SelfStatusSource self,
      PrometheusMeterRegistry registry,
      InstantSource clock,
      Deque<AutoCloseable> open)
      throws IOException {
    if (settings == null) {
      LOG.info("alerts disabled (alerts.enabled is false)");
      return new DisabledAlerts();
    }
    AlertEngine engine =
        AlertEngine.open(
            settings, new AlertInputs(store, store.hosts(), store, self), registry, clock);
    open.push(engine);
    engine.start();
    return engine;
  }

  /** Alerts are up when they run; the details count checks by state (no secrets, no hosts). */
  private static ComponentHealth alertsHealth(boolean enabled, AlertSummary summary) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enabled", enabled);
    details.put("ok", summary.ok());
    details.put("warning", summary.warning());
    details.put("critical", summary.critical());
    details.put("unknown", summary.unknown());
    details.put("pending", summary.pending());
    details.put("unhandled_problems", summary.problems().size());
    return ComponentHealth.up(details);
  }

  private static ComponentHealth ingestHealth(IngestStatus status) {
    boolean listening = status.listeners().stream().allMatch(l -> l.port() >= 0);
    return listening ? ComponentHealth.up(status) : ComponentHealth.down(status);
  }

  private static ComponentHealth storeHealth(StoreStatus status) {
    return status.writable() ? ComponentHealth.up(status) : ComponentHealth.degraded(status);
  }

  static StoreConfig storeConfig(OutpostConfig config) {
    OutpostConfig.Store store = config.store();
    long budget = store.diskBudgetBytes() == 0 ? Long.MAX_VALUE : store.diskBudgetBytes();
    StoreConfig d = StoreConfig.defaults(config.dataDir());
    return new StoreConfig(
        d.dataDir(),
        store.retention(),
        budget,
        MIN_FREE_DISK_BYTES,
        store.refreshInterval(),
        store.commitInterval(),
        d.queueCapacityBatches(),
        d.indexQueueBatches(),
        d.segmentBytes(),
        d.ramBufferMb(),
        d.diskRetryInterval(),
        d.retentionInterval());
  }

  static IngestConfig ingestConfig(OutpostConfig.Syslog syslog) {
    IngestConfig d = IngestConfig.defaults();
    return new IngestConfig(
        syslog.bind(),
        syslog.udpPort(),
        syslog.tcpPort(),
        syslog.maxFrameBytes(),
        syslog.udpReceiveBufferBytes(),
        syslog.udpChannels(),
        d.tcpThreads(),
        syslog.idleTimeout(),
        syslog.tlsPort(),
        syslog.tls(),
        syslog.limits(),
        syslog.relpPort(),
        syslog.relpTlsPort());
  }

  private static ParserConfig parserConfig(OutpostConfig.Syslog syslog, ZoneId zone) {
    return new ParserConfig(zone, syslog.hostZones());
  }

  private static WebConfig webConfig(OutpostConfig.Web web) {
    return new WebConfig(
        web.bind(),
        web.port(),
        web.metricsRequireLogin(),
        WebConfig.DEFAULT_MAX_REQUEST_BYTES,
        WebConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES,
        web.tls());
  }

  /** The bound UDP syslog port, -1 when UDP is off. */
  public int udpPort() {
    return syslogPorts.udpPort();
  }

  /** The bound TCP syslog port, -1 when TCP is off. */
  public int tcpPort() {
    return syslogPorts.tcpPort();
  }

  /** The bound TLS syslog port, -1 when TLS is off. */
  public int tlsPort() {
    return syslogPorts.tlsPort();
  }

  /** The bound RELP port, -1 when RELP is off. */
  public int relpPort() {
    return syslogPorts.relpPort();
  }

  /** The bound RELP over TLS port, -1 when it is off. */
  public int relpTlsPort() {
    return syslogPorts.relpTlsPort();
  }

  /** The bound HTTP port. */
  public int webPort() {
    return webPort;
  }

  /** Stops web, ingest, the alerts, then the store (which commits), then the meter registry. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeAll(openParts);
      LOG.info("Outpost stopped");
    }
  }

  private static void closeAll(Deque<AutoCloseable> open) {
    while (!open.isEmpty()) {
      AutoCloseable part = open.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.error("closing {} failed", part, e);
      }
    }
  }
}
