package outpost.ingest.transport.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SyslogTlsContext} is built from. Immutable.
 *
 * @param keyMaterial the listener's certificate and key
 * @param clientAuth whether client certificates are asked for and required
 * @param clientCa PEM bundle of the CAs whose client certificates are admitted
 * @param fingerprints SHA-256 fingerprints of admitted client certificates, as 64 lower-case hex
 *     digits (see {@link Fingerprints#normalize})
 * @param fingerprintFile a file of further fingerprints, one per line ({@code #} comments), read
 *     and watched like the other files
 * @param reloadInterval how often the files are checked for changes; {@link Duration#ZERO} never
 */
public record SyslogTlsSettings(
    KeyMaterial keyMaterial,
    ClientAuthMode clientAuth,
    Optional<Path> clientCa,
    List<String> fingerprints,
    Optional<Path> fingerprintFile,
    Duration reloadInterval) {
  public SyslogTlsSettings {
    Objects.requireNonNull(keyMaterial, "keyMaterial");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(clientCa, "clientCa");
    Objects.requireNonNull(fingerprintFile, "fingerprintFile");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    fingerprints = fingerprints.stream().map(Fingerprints::normalize).toList();
    if (reloadInterval.isNegative()) {
      throw new IllegalArgumentException("reload interval " + reloadInterval + " is negative");
    }
    if (clientAuth != ClientAuthMode.NONE
        && clientCa.isEmpty()
        && fingerprints.isEmpty()
        && fingerprintFile.isEmpty()) {
      throw new IllegalArgumentException(
          "client_auth "
              + clientAuth.id()
              + " needs a client CA bundle or client fingerprints to check certificates against");
    }
  }

  /** Every file the context is built from, for change detection. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>(keyMaterial.files());
    clientCa.ifPresent(files::add);
    fingerprintFile.ifPresent(files::add);
    return files;
  }
}
