package outpost.server;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every configuration key Outpost knows, with its default. Stateless. */
public final class ConfigKeys {
  public static final ConfigKey DATA_DIR =
      new ConfigKey("data_dir", "./data", "Directory for the journal, indexes and users file.");
  public static final ConfigKey ADMIN_PASSWORD =
      new ConfigKey(
          "admin_password",
          "",
          "Password for `admin`, applied on first start only. Prefer the environment variable;"
              + " empty: a random one is generated and printed once.");
  public static final ConfigKey ADMIN_PASSWORD_FILE =
      new ConfigKey(
          "admin_password_file",
          "",
          "File holding the admin password (first line); must not be readable by group or"
              + " others.");
  public static final ConfigKey SYSLOG_BIND =
      new ConfigKey("syslog.bind", "0.0.0.0", "Address the syslog listeners bind to.");
  public static final ConfigKey SYSLOG_UDP_PORT =
      new ConfigKey(
          "syslog.udp_port", "5514", "Syslog UDP port; 0 picks a free port, -1 disables UDP.");
  public static final ConfigKey SYSLOG_TCP_PORT =
      new ConfigKey(
          "syslog.tcp_port", "5514", "Syslog TCP port; 0 picks a free port, -1 disables TCP.");
  public static final ConfigKey SYSLOG_RELP_PORT =
      new ConfigKey(
          "syslog.relp_port",
          "-1",
          "RELP port (rsyslog omrelp; 2514 is usual); 0 picks a free port, -1 (default) disables.");
  public static final ConfigKey SYSLOG_RELP_TLS_PORT =
      new ConfigKey(
          "syslog.relp_tls_port",
          "-1",
          "RELP over TLS port, with the syslog.tls.* settings; 0 picks a free port, -1 (default) is"
              + " off.");
  public static final ConfigKey SYSLOG_MAX_FRAME_BYTES =
      new ConfigKey(
          "syslog.max_frame_bytes",
          "64KiB",
          "Largest frame kept whole; longer frames are truncated and counted.");
  public static final ConfigKey SYSLOG_UDP_RECEIVE_BUFFER =
      new ConfigKey(
          "syslog.udp_receive_buffer",
          "16MiB",
          "UDP socket receive buffer (SO_RCVBUF); the kernel caps it at net.core.rmem_max.");
  public static final ConfigKey SYSLOG_UDP_CHANNELS =
      new ConfigKey(
          "syslog.udp_channels",
          "0",
          "UDP sockets sharing the port with SO_REUSEPORT; 0 means one per CPU core.");
  public static final ConfigKey SYSLOG_TIME_ZONE =
      new ConfigKey(
          "syslog.time_zone",
          "UTC",
          "Zone for timestamps that carry none (RFC 3164), unless a host pattern matches.");
  public static final ConfigKey SYSLOG_UDP_TIME_ZONE =
      new ConfigKey(
          "syslog.udp_time_zone", "", "Zone for the UDP listener; empty: syslog.time_zone.");
  public static final ConfigKey SYSLOG_TCP_TIME_ZONE =
      new ConfigKey(
          "syslog.tcp_time_zone", "", "Zone for the TCP listener; empty: syslog.time_zone.");
  public static final ConfigKey SYSLOG_HOST_TIME_ZONES =
      new ConfigKey(
          "syslog.host_time_zones",
          "",
          "Zones per host glob, first match wins. YAML map, or `web-*=Europe/Berlin,db?=UTC`.");
  public static final ConfigKey SYSLOG_TLS_PORT =
      new ConfigKey(
          "syslog.tls.port",
          "-1",
          "Syslog over TLS (RFC 5425) port, usually 6514; 0 picks a free port, -1 (default) is off.");
  public static final ConfigKey SYSLOG_TLS_CERTIFICATE =
      new ConfigKey(
          "syslog.tls.certificate", "", "PEM certificate chain (leaf first) of the TLS listener.");
  public static final ConfigKey SYSLOG_TLS_PRIVATE_KEY =
      new ConfigKey(
          "syslog.tls.private_key",
          "",
          "PEM PKCS#8 private key (RSA, EC, Ed25519) of syslog.tls.certificate; mode 600.");
  public static final ConfigKey SYSLOG_TLS_KEYSTORE =
      new ConfigKey(
          "syslog.tls.keystore",
          "",
          "PKCS#12 keystore for the TLS listener, instead of PEM files.");
  public static final ConfigKey SYSLOG_TLS_KEYSTORE_PASSWORD =
      new ConfigKey(
          "syslog.tls.keystore_password",
          "",
          "Password of syslog.tls.keystore. Prefer the environment variable or the file below.");
  public static final ConfigKey SYSLOG_TLS_KEYSTORE_PASSWORD_FILE =
      new ConfigKey(
          "syslog.tls.keystore_password_file",
          "",
          "File holding the keystore password (first line); must not be readable by group or"
              + " others.");
  public static final ConfigKey SYSLOG_TLS_CLIENT_AUTH =
      new ConfigKey(
          "syslog.tls.client_auth",
          "required",
          "Client certificates: `none`, `optional` or `required`.");
  public static final ConfigKey SYSLOG_TLS_CLIENT_CA =
      new ConfigKey(
          "syslog.tls.client_ca",
          "",
          "PEM bundle of the CAs whose client certificates are admitted.");
  public static final ConfigKey SYSLOG_TLS_CLIENT_FINGERPRINTS =
      new ConfigKey(
          "syslog.tls.client_fingerprints",
          "",
          "SHA-256 fingerprints of admitted client certificates (`AA:BB:..` or hex), comma"
              + " separated, or a file path (one per line).");
  public static final ConfigKey SYSLOG_TLS_RELOAD_INTERVAL =
      new ConfigKey(
          "syslog.tls.reload_interval",
          "10",
          "Seconds between checks of the TLS files for changes (reloaded without restart); 0: never.");
  public static final ConfigKey SYSLOG_LIMITS_RATE_PER_CONNECTION =
      new ConfigKey(
          "syslog.limits.rate_per_connection",
          "0",
          "Messages/s one TCP, TLS or RELP connection may send (reading pauses beyond); 0: no limit.");
  public static final ConfigKey SYSLOG_LIMITS_RATE_PER_SOURCE =
      new ConfigKey(
          "syslog.limits.rate_per_source",
          "0",
          "Messages/s one source address may send per listener (UDP excess dropped); 0: no limit.");
  public static final ConfigKey SYSLOG_LIMITS_BYTES_PER_SOURCE =
      new ConfigKey(
          "syslog.limits.bytes_per_source",
          "0",
          "Bytes/s one source address may send per listener, e.g. `1MiB`; 0: no limit.");
  public static final ConfigKey SYSLOG_LIMITS_CONNECTIONS_PER_SOURCE =
      new ConfigKey(
          "syslog.limits.connections_per_source",
          "0",
          "Open connections one source address may hold per listener; 0: no limit.");
  public static final ConfigKey SYSLOG_LIMITS_CONNECTIONS_TOTAL =
      new ConfigKey(
          "syslog.limits.connections_total",
          "0",
          "Open connections per TCP, TLS or RELP listener; 0: no limit.");
  public static final ConfigKey SYSLOG_LIMITS_IDLE_TIMEOUT =
      new ConfigKey(
          "syslog.limits.idle_timeout",
          "0",
          "Seconds of silence after which a TCP, TLS or RELP connection is closed; 0: never.");
  public static final ConfigKey SYSLOG_ALLOW =
      new ConfigKey(
          "syslog.allow",
          "",
          "Networks that may send, comma separated CIDRs (`10.0.0.0/8,2001:db8::/32`); empty: all.");
  public static final ConfigKey WEB_BIND =
      new ConfigKey("web.bind", "0.0.0.0", "Address the HTTP server binds to.");
  public static final ConfigKey WEB_PORT =
      new ConfigKey("web.port", "8080", "HTTP port for the UI and API; 0 picks a free port.");
  public static final ConfigKey WEB_METRICS_REQUIRE_LOGIN =
      new ConfigKey("web.metrics_require_login", "false", "Whether GET /metrics needs a login.");
  public static final ConfigKey WEB_TLS_CERTIFICATE =
      new ConfigKey(
          "web.tls.certificate",
          "",
          "PEM certificate chain (leaf first) for HTTPS; with web.tls.private_key. Set: HTTPS only.");
  public static final ConfigKey WEB_TLS_PRIVATE_KEY =
      new ConfigKey(
          "web.tls.private_key",
          "",
          "PEM PKCS#8 private key (RSA or EC, unencrypted) of web.tls.certificate; mode 600.");
  public static final ConfigKey WEB_TLS_KEYSTORE =
      new ConfigKey(
          "web.tls.keystore",
          "",
          "PKCS#12 keystore for HTTPS, instead of the PEM files. Set: HTTPS only.");
  public static final ConfigKey WEB_TLS_KEYSTORE_PASSWORD =
      new ConfigKey(
          "web.tls.keystore_password",
          "",
          "Password of web.tls.keystore. Prefer the environment variable or the file below.");
  public static final ConfigKey WEB_TLS_KEYSTORE_PASSWORD_FILE =
      new ConfigKey(
          "web.tls.keystore_password_file",
          "",
          "File holding the keystore password (first line); must not be readable by group or"
              + " others.");
  public static final ConfigKey STORE_RETENTION_DAYS =
      new ConfigKey("store.retention_days", "30", "Whole days older than this are deleted.");
  public static final ConfigKey STORE_DISK_BUDGET =
      new ConfigKey(
          "store.disk_budget",
          "0",
          "Largest size of the indexes, e.g. `50GiB`; oldest days go first. 0: no budget.");
  public static final ConfigKey STORE_REFRESH_INTERVAL_MS =
      new ConfigKey(
          "store.refresh_interval_ms",
          "250",
          "How often new messages become searchable, in milliseconds.");
  public static final ConfigKey STORE_COMMIT_INTERVAL_SECONDS =
      new ConfigKey(
          "store.commit_interval_seconds",
          "15",
          "How often indexes are committed; the journal covers what is not committed yet.");
  public static final ConfigKey STORE_TYPE =
      new ConfigKey(
          "store.type",
          "lucene",
          "`lucene`: the embedded store in data_dir. `opensearch`: an OpenSearch cluster (below),"
              + " with the journal in data_dir in front of it.");
  public static final ConfigKey STORE_OPENSEARCH_HOSTS =
      new ConfigKey(
          "store.opensearch.hosts",
          "",
          "OpenSearch node URLs, comma separated (`https://os1:9200,https://os2:9200`).");
  public static final ConfigKey STORE_OPENSEARCH_USERNAME =
      new ConfigKey(
          "store.opensearch.username", "", "HTTP basic auth user for OpenSearch; empty: none.");
  public static final ConfigKey STORE_OPENSEARCH_PASSWORD =
      new ConfigKey(
          "store.opensearch.password",
          "",
          "Password of store.opensearch.username. Prefer the environment variable or the file"
              + " below; never logged.");
  public static final ConfigKey STORE_OPENSEARCH_PASSWORD_FILE =
      new ConfigKey(
          "store.opensearch.password_file",
          "",
          "File holding the OpenSearch password (first line); must not be readable by group or"
              + " others.");
  public static final ConfigKey STORE_OPENSEARCH_CA_FILE =
      new ConfigKey(
          "store.opensearch.ca_file",
          "",
          "PEM CA certificate(s) that sign the cluster's HTTPS certificate; empty: the JDK's"
              + " trust store.");
  public static final ConfigKey STORE_OPENSEARCH_INDEX_PREFIX =
      new ConfigKey(
          "store.opensearch.index_prefix",
          "outpost-logs",
          "Daily indices are `<prefix>-YYYY.MM.DD`; the template and ISM policy carry the name.");
  public static final ConfigKey STORE_OPENSEARCH_NODE_ID =
      new ConfigKey(
          "store.opensearch.node_id",
          "0",
          "This Outpost node's number (0..32767), part of every event id: must differ per node.");
  public static final ConfigKey STORE_OPENSEARCH_SHARDS =
      new ConfigKey(
          "store.opensearch.shards", "1", "Primary shards of each daily index (1..1024).");
  public static final ConfigKey STORE_OPENSEARCH_REPLICAS =
      new ConfigKey(
          "store.opensearch.replicas", "0", "Replicas of each shard (0..100); 1+ on a cluster.");

  public static final ConfigKey ALERTS_ENABLED =
      new ConfigKey(
          "alerts.enabled", "true", "Whether health checks and notifications run at all.");
  public static final ConfigKey ALERTS_SCHEDULER =
      new ConfigKey(
          "alerts.scheduler",
          "true",
          "Whether this node runs the checks and sends notifications. Several nodes on one"
              + " OpenSearch cluster: true on exactly one.");
  public static final ConfigKey ALERTS_SCHEDULER_URL =
      new ConfigKey(
          "alerts.scheduler_url",
          "",
          "URL of the web UI of the node that runs the alerts (https://host:port). Required where"
              + " alerts.scheduler is false: those nodes' check pages and API point there.");
  public static final ConfigKey ALERTS_CHECKS_FILE =
      new ConfigKey(
          "alerts.checks_file",
          "",
          "YAML file of hosts, templates, checks and contacts (alerts/CHECKS-FILE.md). Empty: only"
              + " the built-in checks (Outpost itself, every logging host's freshness).");
  public static final ConfigKey ALERTS_SELF_NAME =
      new ConfigKey(
          "alerts.self_name",
          "outpost",
          "Host name of the checks about Outpost itself and of fleet-wide log checks.");
  public static final ConfigKey ALERTS_PUBLIC_URL =
      new ConfigKey(
          "alerts.public_url",
          "",
          "Outpost's URL as people and Twilio reach it, e.g. `https://outpost.example.com`: links"
              + " in texts and the inbound-SMS signature. Empty: the URL the request names.");
  public static final ConfigKey ALERTS_TWILIO_ACCOUNT_SID =
      new ConfigKey(
          "alerts.twilio.account_sid", "", "Twilio account SID (`AC...`). Empty: no SMS sent.");
  public static final ConfigKey ALERTS_TWILIO_AUTH_TOKEN =
      new ConfigKey(
          "alerts.twilio.auth_token",
          "",
          "Twilio auth token. Prefer the environment variable or the file below; never logged.");
  public static final ConfigKey ALERTS_TWILIO_AUTH_TOKEN_FILE =
      new ConfigKey(
          "alerts.twilio.auth_token_file",
          "",
          "File holding the Twilio auth token (first line); must not be readable by group or"
              + " others.");
  public static final ConfigKey ALERTS_TWILIO_FROM =
      new ConfigKey(
          "alerts.twilio.from", "", "Sending number in E.164 (`+15005550006`), or set the next.");
  public static final ConfigKey ALERTS_TWILIO_MESSAGING_SERVICE_SID =
      new ConfigKey(
          "alerts.twilio.messaging_service_sid",
          "",
          "Twilio Messaging Service SID (`MG...`) to send from instead of a number.");
  public static final ConfigKey ALERTS_TWILIO_API_BASE =
      new ConfigKey(
          "alerts.twilio.api_base",
          "",
          "Base URL for Twilio's REST API requests (a proxy, or a test server). Empty: Twilio.");
  public static final ConfigKey ALERTS_GROUPING_WINDOW =
      new ConfigKey(
          "alerts.grouping_window",
          "30s",
          "Notifications to one contact within this window go out as one message (`500ms`..`1h`).");
  public static final ConfigKey ALERTS_MAX_SMS_PER_CONTACT_PER_HOUR =
      new ConfigKey(
          "alerts.max_sms_per_contact_per_hour",
          "10",
          "Beyond this, a contact's notifications are folded into the next allowed message.");
  public static final ConfigKey ALERTS_SCHEDULER_THREADS =
      new ConfigKey(
          "alerts.scheduler_threads", "64", "Most checks running at the same time (1..4096).");

  /** All keys, in README order. */
  public static final List<ConfigKey> ALL =
      List.of(
          DATA_DIR,
          ADMIN_PASSWORD,
          ADMIN_PASSWORD_FILE,
          SYSLOG_BIND,
          SYSLOG_UDP_PORT,
          SYSLOG_TCP_PORT,
          SYSLOG_RELP_PORT,
          SYSLOG_RELP_TLS_PORT,
          SYSLOG_MAX_FRAME_BYTES,
          SYSLOG_UDP_RECEIVE_BUFFER,
          SYSLOG_UDP_CHANNELS,
          SYSLOG_TIME_ZONE,
          SYSLOG_UDP_TIME_ZONE,
          SYSLOG_TCP_TIME_ZONE,
          SYSLOG_HOST_TIME_ZONES,
          SYSLOG_TLS_PORT,
          SYSLOG_TLS_CERTIFICATE,
          SYSLOG_TLS_PRIVATE_KEY,
          SYSLOG_TLS_KEYSTORE,
          SYSLOG_TLS_KEYSTORE_PASSWORD,
          SYSLOG_TLS_KEYSTORE_PASSWORD_FILE,
          SYSLOG_TLS_CLIENT_AUTH,
          SYSLOG_TLS_CLIENT_CA,
          SYSLOG_TLS_CLIENT_FINGERPRINTS,
          SYSLOG_TLS_RELOAD_INTERVAL,
          SYSLOG_LIMITS_RATE_PER_CONNECTION,
          SYSLOG_LIMITS_RATE_PER_SOURCE,
          SYSLOG_LIMITS_BYTES_PER_SOURCE,
          SYSLOG_LIMITS_CONNECTIONS_PER_SOURCE,
          SYSLOG_LIMITS_CONNECTIONS_TOTAL,
          SYSLOG_LIMITS_IDLE_TIMEOUT,
          SYSLOG_ALLOW,
          WEB_BIND,
          WEB_PORT,
          WEB_METRICS_REQUIRE_LOGIN,
          WEB_TLS_CERTIFICATE,
          WEB_TLS_PRIVATE_KEY,
          WEB_TLS_KEYSTORE,
          WEB_TLS_KEYSTORE_PASSWORD,
          WEB_TLS_KEYSTORE_PASSWORD_FILE,
          STORE_RETENTION_DAYS,
          STORE_DISK_BUDGET,
          STORE_REFRESH_INTERVAL_MS,
          STORE_COMMIT_INTERVAL_SECONDS,
          STORE_TYPE,
          STORE_OPENSEARCH_HOSTS,
          STORE_OPENSEARCH_USERNAME,
          STORE_OPENSEARCH_PASSWORD,
          STORE_OPENSEARCH_PASSWORD_FILE,
          STORE_OPENSEARCH_CA_FILE,
          STORE_OPENSEARCH_INDEX_PREFIX,
          STORE_OPENSEARCH_NODE_ID,
          STORE_OPENSEARCH_SHARDS,
          STORE_OPENSEARCH_REPLICAS,
          ALERTS_ENABLED,
          ALERTS_SCHEDULER,
          ALERTS_SCHEDULER_URL,
          ALERTS_CHECKS_FILE,
          ALERTS_SELF_NAME,
          ALERTS_PUBLIC_URL,
          ALERTS_TWILIO_ACCOUNT_SID,
          ALERTS_TWILIO_AUTH_TOKEN,
          ALERTS_TWILIO_AUTH_TOKEN_FILE,
          ALERTS_TWILIO_FROM,
          ALERTS_TWILIO_MESSAGING_SERVICE_SID,
          ALERTS_TWILIO_API_BASE,
          ALERTS_GROUPING_WINDOW,
          ALERTS_MAX_SMS_PER_CONTACT_PER_HOUR,
          ALERTS_SCHEDULER_THREADS);

  /** Keys by dotted path. */
  public static final Map<String, ConfigKey> BY_PATH =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));

  private ConfigKeys() {}
}
