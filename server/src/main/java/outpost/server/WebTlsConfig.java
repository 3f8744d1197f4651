package outpost.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import outpost.web.tls.TlsConfigException;
import outpost.web.tls.TlsIdentities;
import outpost.web.tls.TlsIdentity;

/**
 * Reads the {@code web.tls.*} keys: either a PEM certificate and private key, or a PKCS#12 keystore
 * with its password (inline, from the environment, or from an owner-only file). Loads and checks
 * the files at configuration time, so {@code --check-config} catches a bad certificate. Errors name
 * the origin, the key, the file and the reason, never the password. Stateless.
 */
final class WebTlsConfig {
  private WebTlsConfig() {}

  /** The web server's TLS identity, empty when no {@code web.tls} key is set. */
  static Optional<TlsIdentity> load(ConfigSource src) {
    String cert = src.text(ConfigKeys.WEB_TLS_CERTIFICATE);
    String key = src.text(ConfigKeys.WEB_TLS_PRIVATE_KEY);
    String keystore = src.text(ConfigKeys.WEB_TLS_KEYSTORE);
    boolean pem = !cert.isEmpty() || !key.isEmpty();
    if (pem && !keystore.isEmpty()) {
      throw src.invalid(
          ConfigKeys.WEB_TLS_KEYSTORE,
          "set either web.tls.certificate and web.tls.private_key, or web.tls.keystore");
    }
    if (pem) {
      if (cert.isEmpty()) {
        throw src.invalid(ConfigKeys.WEB_TLS_PRIVATE_KEY, "is set but web.tls.certificate is not");
      }
      if (key.isEmpty()) {
        throw src.invalid(ConfigKeys.WEB_TLS_CERTIFICATE, "is set but web.tls.private_key is not");
      }
      Path keyFile = existing(src, ConfigKeys.WEB_TLS_PRIVATE_KEY, key);
      Path certFile = existing(src, ConfigKeys.WEB_TLS_CERTIFICATE, cert);
      SecretFiles.requireOwnerOnly(src, ConfigKeys.WEB_TLS_PRIVATE_KEY, keyFile);
      try {
        return Optional.of(TlsIdentities.fromPem(certFile, keyFile));
      } catch (TlsConfigException e) {
        throw src.invalid(ConfigKeys.WEB_TLS_PRIVATE_KEY, e.getMessage());
      }
    }
    if (!keystore.isEmpty()) {
      Path file = existing(src, ConfigKeys.WEB_TLS_KEYSTORE, keystore);
      try {
        return Optional.of(TlsIdentities.fromPkcs12(file, keystorePassword(src)));
      } catch (TlsConfigException e) {
        throw src.invalid(ConfigKeys.WEB_TLS_KEYSTORE, e.getMessage());
      }
    }
    if (!src.text(ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD).isEmpty()
        || !src.text(ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD_FILE).isEmpty()) {
      throw src.invalid(ConfigKeys.WEB_TLS_KEYSTORE, "a keystore password is set but no keystore");
    }
    return Optional.empty();
  }

  private static String keystorePassword(ConfigSource src) {
    String inline = src.text(ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD);
    String file = src.text(ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD_FILE);
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw src.invalid(
          ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD_FILE,
          "set either web.tls.keystore_password or web.tls.keystore_password_file");
    }
    if (!file.isEmpty()) {
      return SecretFiles.firstLine(src, ConfigKeys.WEB_TLS_KEYSTORE_PASSWORD_FILE, Path.of(file));
    }
    if (inline.isEmpty()) {
      throw src.invalid(
          ConfigKeys.WEB_TLS_KEYSTORE,
          "needs a password: set web.tls.keystore_password (or its environment variable) or"
              + " web.tls.keystore_password_file");
    }
    return inline;
  }

  private static Path existing(ConfigSource src, ConfigKey key, String text) {
    Path path = Path.of(text);
    if (!Files.isRegularFile(path)) {
      throw src.invalid(key, path + " does not exist or is not a file");
    }
    return path;
  }
}
