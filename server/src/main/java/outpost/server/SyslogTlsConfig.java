package outpost.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import outpost.ingest.transport.tls.ClientAuthMode;
import outpost.ingest.transport.tls.KeyMaterial;
import outpost.ingest.transport.tls.SyslogTlsContext;
import outpost.ingest.transport.tls.SyslogTlsSettings;
import outpost.ingest.transport.tls.TlsSetupException;

/**
 * Reads the {@code syslog.tls.*} keys into {@link SyslogTlsSettings} and loads them once, so {@code
 * --check-config} catches a missing file, a key that does not match its certificate, a
 * group-readable key or a wrong keystore password. Errors name the origin, the key, the file and
 * the reason, never the password. Stateless.
 */
final class SyslogTlsConfig {
  private SyslogTlsConfig() {}

  /**
   * The TLS settings; empty when {@code port} is -1.
   *
   * @param portKey the key of the listener that needs them, named when no key material is set
   */
  static Optional<SyslogTlsSettings> load(ConfigSource src, int port, ConfigKey portKey) {
    if (port == -1) {
      return Optional.empty();
    }
    KeyMaterial material = keyMaterial(src, portKey);
    ClientAuthMode auth;
    try {
      auth = ClientAuthMode.parse(src.text(ConfigKeys.SYSLOG_TLS_CLIENT_AUTH));
    } catch (IllegalArgumentException e) {
      throw src.invalid(ConfigKeys.SYSLOG_TLS_CLIENT_AUTH, e.getMessage());
    }
    String ca = src.text(ConfigKeys.SYSLOG_TLS_CLIENT_CA);
    Optional<Path> clientCa =
        ca.isEmpty()
            ? Optional.empty()
            : Optional.of(existing(src, ConfigKeys.SYSLOG_TLS_CLIENT_CA, ca));
    String prints = src.text(ConfigKeys.SYSLOG_TLS_CLIENT_FINGERPRINTS);
    Optional<Path> printFile = Optional.empty();
    List<String> inline = new ArrayList<>();
    if (prints.contains("/")) {
      printFile = Optional.of(existing(src, ConfigKeys.SYSLOG_TLS_CLIENT_FINGERPRINTS, prints));
    } else if (!prints.isEmpty()) {
      for (String p : prints.split(",")) {
        inline.add(p.strip());
      }
    }
    Duration reload =
        Duration.ofSeconds(src.intValue(ConfigKeys.SYSLOG_TLS_RELOAD_INTERVAL, 0, 86_400));
    SyslogTlsSettings settings;
    try {
      settings = new SyslogTlsSettings(material, auth, clientCa, inline, printFile, reload);
    } catch (IllegalArgumentException e) {
      throw src.invalid(
          inline.isEmpty()
              ? ConfigKeys.SYSLOG_TLS_CLIENT_AUTH
              : ConfigKeys.SYSLOG_TLS_CLIENT_FINGERPRINTS,
          e.getMessage());
    }
    try {
      SyslogTlsContext.load(settings, java.time.InstantSource.system());
    } catch (TlsSetupException e) {
      throw src.invalid(blame(src, e.getMessage(), portKey), e.getMessage());
    }
    return Optional.of(settings);
  }

  /** The key whose file the message names first. */
  private static ConfigKey blame(ConfigSource src, String message, ConfigKey portKey) {
    for (ConfigKey key :
        List.of(
            ConfigKeys.SYSLOG_TLS_PRIVATE_KEY,
            ConfigKeys.SYSLOG_TLS_CERTIFICATE,
            ConfigKeys.SYSLOG_TLS_KEYSTORE,
            ConfigKeys.SYSLOG_TLS_CLIENT_CA,
            ConfigKeys.SYSLOG_TLS_CLIENT_FINGERPRINTS)) {
      String file = src.text(key);
      if (!file.isEmpty() && message.startsWith(file)) {
        return key;
      }
    }
    return portKey;
  }

  private static KeyMaterial keyMaterial(ConfigSource src, ConfigKey portKey) {
    String cert = src.text(ConfigKeys.SYSLOG_TLS_CERTIFICATE);
    String key = src.text(ConfigKeys.SYSLOG_TLS_PRIVATE_KEY);
    String keystore = src.text(ConfigKeys.SYSLOG_TLS_KEYSTORE);
    boolean pem = !cert.isEmpty() || !key.isEmpty();
    if (pem && !keystore.isEmpty()) {
      throw src.invalid(
          ConfigKeys.SYSLOG_TLS_KEYSTORE,
          "set either syslog.tls.certificate and syslog.tls.private_key, or syslog.tls.keystore");
    }
    if (pem) {
      if (cert.isEmpty()) {
        throw src.invalid(
            ConfigKeys.SYSLOG_TLS_PRIVATE_KEY, "is set but syslog.tls.certificate is not");
      }
      if (key.isEmpty()) {
        throw src.invalid(
            ConfigKeys.SYSLOG_TLS_CERTIFICATE, "is set but syslog.tls.private_key is not");
      }
      Path keyFile = existing(src, ConfigKeys.SYSLOG_TLS_PRIVATE_KEY, key);
      SecretFiles.requireOwnerOnly(src, ConfigKeys.SYSLOG_TLS_PRIVATE_KEY, keyFile);
      return new KeyMaterial.Pem(existing(src, ConfigKeys.SYSLOG_TLS_CERTIFICATE, cert), keyFile);
    }
    if (keystore.isEmpty()) {
      throw src.invalid(
          portKey,
          "TLS is on but neither syslog.tls.certificate + syslog.tls.private_key nor"
              + " syslog.tls.keystore is set");
    }
    return new KeyMaterial.Pkcs12(
        existing(src, ConfigKeys.SYSLOG_TLS_KEYSTORE, keystore), keystorePassword(src));
  }

  private static String keystorePassword(ConfigSource src) {
    String inline = src.text(ConfigKeys.SYSLOG_TLS_KEYSTORE_PASSWORD);
    String file = src.text(ConfigKeys.SYSLOG_TLS_KEYSTORE_PASSWORD_FILE);
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw src.invalid(
          ConfigKeys.SYSLOG_TLS_KEYSTORE_PASSWORD_FILE,
          "set either syslog.tls.keystore_password or syslog.tls.keystore_password_file");
    }
    if (!file.isEmpty()) {
      return SecretFiles.firstLine(
          src, ConfigKeys.SYSLOG_TLS_KEYSTORE_PASSWORD_FILE, Path.of(file));
    }
    if (inline.isEmpty()) {
      throw src.invalid(
          ConfigKeys.SYSLOG_TLS_KEYSTORE,
          "needs a password: set syslog.tls.keystore_password (or its environment variable) or"
              + " syslog.tls.keystore_password_file");
    }
    return inline;
  }

  private static Path existing(ConfigSource src, ConfigKey key, String text) {
    Path path = Path.of(text);
    if (!Files.isRegularFile(path)) {
      throw src.invalid(key, path + " does not exist or is not a file");
    }
    if (!Files.isReadable(path)) {
      throw src.invalid(key, path + " is not readable");
    }
    return path;
  }
}
