package outpost.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import outpost.alerts.AlertsElsewhere;
import outpost.alerts.engine.AlertEngine;
import outpost.index.LogStore;
import outpost.index.LuceneLogStore;
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
import outpost.server.data.DataDirectory;
import outpost.server.data.DataFormats;
import outpost.server.data.OutpostVersion;
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
      // the format check comes first: nothing may write into a directory this build refuses
      DataDirectory.open(config.dataDir(), DataFormats.standard(), OutpostVersion.current());
      // then the lock: a second server (or a migration) must not open the same files
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
      LogStore store = LogStores.open(config, clock, registry);
      open.push(store);
      SelfStatusSource self = new SelfStatusSource(store, config.dataDir());
      AlertService alerts =
          startAlerts(
              config.alerts(),
              config.alertsScheduler() ? null : config.alertsSchedulerUrl(),
              store,
              self,
              registry,
              clock,
              open);
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
      boolean runsAlerts = config.alerts() != null && config.alertsScheduler();
      health.put(
          "alerts", () -> alertsHealth(config.alerts() != null, runsAlerts, alerts.summary()));
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
   * long for a Unix socket (about 100 bytes) costs only online backups, not the server. With the
   * OpenSearch store there is none: the index is backed up with OpenSearch snapshots.
   */
  private static void startControl(
      OutpostConfig config, LogStore logStore, InstantSource clock, Deque<AutoCloseable> open) {
    if (!(logStore instanceof LuceneLogStore store)) {
      LOG.info("online backups off: the index lives in OpenSearch (use its snapshots)");
      return;
    }
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
   * closing; the disabled stand-in when {@code settings} is null, and one that points to {@code
   * elsewhere} when this node does not run the scheduler ({@code alerts.scheduler} false).
   */
  private static AlertService startAlerts(
      AlertSettings settings,
      URI elsewhere,
      LogStore store,
      SelfStatusSource self,
      PrometheusMeterRegistry registry,
      InstantSource clock,
      Deque<AutoCloseable> open)
      throws IOException {
    if (settings == null) {
      LOG.info("alerts disabled (alerts.enabled is false)");
      return new DisabledAlerts(DisabledAlerts.DISABLED);
    }
    if (elsewhere != null) {
      LOG.info("alerts run on node {} (alerts.scheduler is false)", elsewhere);
      return new AlertsElsewhere(elsewhere);
    }
    AlertEngine engine =
        AlertEngine.open(
            settings, new AlertInputs(store, store.hosts(), store, self), registry, clock);
    open.push(engine);
    engine.start();
    return engine;
  }

  /** Alerts are up when they run; the details count checks by state (no secrets, no hosts). */
  private static ComponentHealth alertsHealth(
      boolean enabled, boolean scheduler, AlertSummary summary) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enabled", enabled);
    details.put("scheduler", scheduler);
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
    return status.writable() && status.backendError().isEmpty()
        ? ComponentHealth.up(status)
        : ComponentHealth.degraded(status);
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
