package outpost.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import outpost.alerts.AlertSettings;
import outpost.index.opensearch.OpenSearchConnection;
import outpost.ingest.syslog.HostZone;
import outpost.ingest.transport.limits.Cidr;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.tls.SyslogTlsSettings;
import outpost.web.tls.TlsIdentity;

/**
 * The whole configuration, validated, loaded once at start. Immutable.
 *
 * @param dataDir where the journal, indexes and users file live
 * @param adminPassword the admin password to set on first start, if one was configured
 * @param alerts health checks and notifications, or null when {@code alerts.enabled} is false
 * @param alertsScheduler whether this node runs the checks and sends notifications ({@code
 *     alerts.scheduler}); with several nodes on one cluster, exactly one does
 * @param alertsSchedulerUrl where the alerts run when this node does not run them ({@code
 *     alerts.scheduler_url}, required then), else null
 */
public record OutpostConfig(
    Path dataDir,
    Optional<String> adminPassword,
    Syslog syslog,
    Web web,
    Store store,
    AlertSettings alerts,
    boolean alertsScheduler,
    URI alertsSchedulerUrl) {

  public OutpostConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(adminPassword, "adminPassword");
    Objects.requireNonNull(syslog, "syslog");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(store, "store");
    if (alerts != null && !alertsScheduler && alertsSchedulerUrl == null) {
      throw new IllegalArgumentException(
          "alerts.scheduler_url is required when alerts.scheduler is false");
    }
  }

  /**
   * Syslog listeners; a port of -1 disables that listener. {@code tls} is present when {@code
   * tlsPort} or {@code relpTlsPort} is not -1; {@code limits} apply to each listener. RELP (plain
   * and over TLS) uses the TCP time zone.
   */
  public record Syslog(
      String bind,
      int udpPort,
      int tcpPort,
      int maxFrameBytes,
      int udpReceiveBufferBytes,
      int udpChannels,
      ZoneId udpZone,
      ZoneId tcpZone,
      List<HostZone> hostZones,
      int tlsPort,
      Optional<SyslogTlsSettings> tls,
      ListenerLimits limits,
      Duration idleTimeout,
      int relpPort,
      int relpTlsPort) {
    public Syslog {
      hostZones = List.copyOf(hostZones);
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
  }

  /** HTTP server; with {@code tls} present it serves HTTPS only. */
  public record Web(String bind, int port, boolean metricsRequireLogin, Optional<TlsIdentity> tls) {
    public Web {
      Objects.requireNonNull(tls, "tls");
    }
  }

  /**
   * Journal and indexes; a disk budget of 0 means none. {@code opensearch} is present when {@code
   * store.opensearch.hosts} is set, always so when {@code type} is {@link StoreType#OPENSEARCH}.
   */
  public record Store(
      Duration retention,
      long diskBudgetBytes,
      Duration refreshInterval,
      Duration commitInterval,
      StoreType type,
      Optional<OpenSearch> opensearch) {
    public Store {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(opensearch, "opensearch");
      if (type == StoreType.OPENSEARCH && opensearch.isEmpty()) {
        throw new IllegalArgumentException("store type opensearch needs the cluster settings");
      }
    }
  }

  /** Where events are indexed: the embedded Lucene store or an OpenSearch cluster. */
  public enum StoreType {
    LUCENE,
    OPENSEARCH
  }

  /**
   * The OpenSearch cluster and how this node writes to it.
   *
   * @param connection URLs, basic auth and CA file; its {@code toString} hides the password
   * @param indexPrefix daily indices are {@code <prefix>-YYYY.MM.DD}
   * @param nodeId this node's number, part of every event id; differs between nodes
   * @param shards primary shards per daily index
   * @param replicas replicas per shard
   */
  public record OpenSearch(
      OpenSearchConnection connection, String indexPrefix, int nodeId, int shards, int replicas) {
    public OpenSearch {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(indexPrefix, "indexPrefix");
    }
  }

  /**
   * Loads defaults, then the YAML {@code file} (null for none), then {@code OUTPOST_*} variables
   * from {@code env}.
   *
   * @throws ConfigException naming the file or variable, the key and the reason
   */
  public static OutpostConfig load(Path file, Map<String, String> env) {
    return read(ConfigSource.load(file, env));
  }

  /**
   * The configuration from {@code src}; with a {@linkplain ConfigSource#collecting collecting}
   * source every problem is recorded there and a section that fails falls back to its defaults, so
   * the result is for further checks only, never for running.
   */
  static OutpostConfig read(ConfigSource src) {
    ZoneId zone = src.zone(ConfigKeys.SYSLOG_TIME_ZONE, ZoneId.of("UTC"));
    int tlsPort = src.intValue(ConfigKeys.SYSLOG_TLS_PORT, -1, 65535);
    int relpTlsPort = src.intValue(ConfigKeys.SYSLOG_RELP_TLS_PORT, -1, 65535);
    Syslog syslog =
        new Syslog(
            nonEmpty(src, ConfigKeys.SYSLOG_BIND),
            src.intValue(ConfigKeys.SYSLOG_UDP_PORT, -1, 65535),
            src.intValue(ConfigKeys.SYSLOG_TCP_PORT, -1, 65535),
            (int) src.byteSize(ConfigKeys.SYSLOG_MAX_FRAME_BYTES, 480, 16 << 20),
            (int) src.byteSize(ConfigKeys.SYSLOG_UDP_RECEIVE_BUFFER, 0, 1 << 30),
            src.intValue(ConfigKeys.SYSLOG_UDP_CHANNELS, 0, 64),
            src.zone(ConfigKeys.SYSLOG_UDP_TIME_ZONE, zone),
            src.zone(ConfigKeys.SYSLOG_TCP_TIME_ZONE, zone),
            src.orElse(() -> hostZones(src), List::of),
            tlsPort,
            // the TLS settings are needed (and checked) when either TLS listener is on
            src.orElse(
                () ->
                    SyslogTlsConfig.load(
                        src,
                        Math.max(tlsPort, relpTlsPort),
                        tlsPort != -1
                            ? ConfigKeys.SYSLOG_TLS_PORT
                            : ConfigKeys.SYSLOG_RELP_TLS_PORT),
                Optional::empty),
            src.orElse(() -> limits(src), () -> limits(ConfigSource.defaults())),
            Duration.ofSeconds(src.intValue(ConfigKeys.SYSLOG_LIMITS_IDLE_TIMEOUT, 0, 86_400)),
            src.intValue(ConfigKeys.SYSLOG_RELP_PORT, -1, 65535),
            relpTlsPort);
    Web web =
        new Web(
            nonEmpty(src, ConfigKeys.WEB_BIND),
            src.intValue(ConfigKeys.WEB_PORT, 0, 65535),
            src.booleanValue(ConfigKeys.WEB_METRICS_REQUIRE_LOGIN),
            src.orElse(() -> WebTlsConfig.load(src), Optional::empty));
    StoreType storeType = src.orElse(() -> OpenSearchConfig.type(src), () -> StoreType.LUCENE);
    Store store =
        new Store(
            Duration.ofDays(src.intValue(ConfigKeys.STORE_RETENTION_DAYS, 1, 36_500)),
            src.byteSize(ConfigKeys.STORE_DISK_BUDGET, 0, Long.MAX_VALUE),
            Duration.ofMillis(src.intValue(ConfigKeys.STORE_REFRESH_INTERVAL_MS, 10, 60_000)),
            Duration.ofSeconds(src.intValue(ConfigKeys.STORE_COMMIT_INTERVAL_SECONDS, 1, 3_600)),
            storeType,
            src.orElse(() -> OpenSearchConfig.load(src, storeType), Optional::empty));
    Path dataDir = Path.of(nonEmpty(src, ConfigKeys.DATA_DIR)).toAbsolutePath().normalize();
    if (syslog.udpPort() == -1
        && syslog.tcpPort() == -1
        && syslog.tlsPort() == -1
        && syslog.relpPort() == -1
        && syslog.relpTlsPort() == -1) {
      src.reject(
          src.invalid(
              ConfigKeys.SYSLOG_TCP_PORT,
              "UDP and TCP are both disabled (-1) and TLS and RELP are off"));
    }
    AlertSettings alerts = src.orElse(() -> AlertsConfig.load(src, dataDir), () -> null);
    boolean scheduler = src.booleanValue(ConfigKeys.ALERTS_SCHEDULER);
    URI schedulerUrl =
        src.orElse(() -> AlertsConfig.httpUrl(src, ConfigKeys.ALERTS_SCHEDULER_URL), () -> null);
    if (alerts != null && !scheduler && schedulerUrl == null) {
      src.reject(
          src.invalid(
              ConfigKeys.ALERTS_SCHEDULER_URL,
              "is required when alerts.scheduler is false: the URL of the node that runs the"
                  + " alerts"));
    }
    return new OutpostConfig(
        dataDir,
        src.orElse(() -> adminPassword(src), Optional::empty),
        syslog,
        web,
        store,
        alerts,
        scheduler,
        schedulerUrl);
  }

  private static ListenerLimits limits(ConfigSource src) {
    List<Cidr> allow = new ArrayList<>();
    String text = src.text(ConfigKeys.SYSLOG_ALLOW);
    if (!text.isEmpty()) {
      for (String network : text.split(",")) {
        try {
          allow.add(Cidr.parse(network));
        } catch (IllegalArgumentException e) {
          throw src.invalid(ConfigKeys.SYSLOG_ALLOW, e.getMessage());
        }
      }
    }
    return new ListenerLimits(
        src.intValue(ConfigKeys.SYSLOG_LIMITS_RATE_PER_CONNECTION, 0, 10_000_000),
        src.intValue(ConfigKeys.SYSLOG_LIMITS_RATE_PER_SOURCE, 0, 10_000_000),
        src.byteSize(ConfigKeys.SYSLOG_LIMITS_BYTES_PER_SOURCE, 0, 1L << 40),
        src.intValue(ConfigKeys.SYSLOG_LIMITS_CONNECTIONS_PER_SOURCE, 0, 1_000_000),
        src.intValue(ConfigKeys.SYSLOG_LIMITS_CONNECTIONS_TOTAL, 0, 1_000_000),
        allow);
  }

  private static List<HostZone> hostZones(ConfigSource src) {
    List<HostZone> zones = new ArrayList<>();
    for (Map.Entry<String, ZoneId> e : src.zoneMap(ConfigKeys.SYSLOG_HOST_TIME_ZONES).entrySet()) {
      try {
        zones.add(new HostZone(e.getKey(), e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw src.invalid(ConfigKeys.SYSLOG_HOST_TIME_ZONES, bad.getMessage());
      }
    }
    return zones;
  }

  private static String nonEmpty(ConfigSource src, ConfigKey key) {
    String text = src.text(key);
    if (text.isEmpty()) {
      src.reject(src.invalid(key, "must not be empty"));
      return key.defaultValue();
    }
    return text;
  }

  private static Optional<String> adminPassword(ConfigSource src) {
    String inline = src.text(ConfigKeys.ADMIN_PASSWORD);
    String file = src.text(ConfigKeys.ADMIN_PASSWORD_FILE);
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw src.invalid(
          ConfigKeys.ADMIN_PASSWORD_FILE, "set either admin_password or admin_password_file");
    }
    if (!file.isEmpty()) {
      return Optional.of(SecretFiles.firstLine(src, ConfigKeys.ADMIN_PASSWORD_FILE, Path.of(file)));
    }
    return inline.isEmpty() ? Optional.empty() : Optional.of(inline);
  }

  /** The configuration with no file and no environment: every default. */
  public static OutpostConfig defaults() {
    return load(null, Map.of());
  }
}
