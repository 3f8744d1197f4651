package outpost.ingest.transport.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side TLS context of a syslog listener (RFC 5425) and its reload: TLS 1.2 and 1.3 only,
 * the JDK provider, the key material and client-certificate trust of {@link SyslogTlsSettings}.
 * {@link #reloadIfChanged()} rebuilds the context when a file's modification time or size changed;
 * new connections get the new context from {@link #current()}, open ones keep theirs. A reload that
 * fails (a half-written file) keeps the old context and is retried on the next check. Usable by any
 * TLS listener (syslog, RELP).
 *
 * <p>Thread-safe: {@link #current()} reads a volatile; reloads are serialized. Nothing to close.
 */
public final class SyslogTlsContext {
  /** The only protocol versions offered; RFC 5425 requires at least TLS 1.2 in practice. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static final Logger LOG = LoggerFactory.getLogger(SyslogTlsContext.class);

  private final SyslogTlsSettings settings;
  private final InstantSource clock;
  private volatile Loaded loaded;

  private record Stamp(Instant modified, long size, Object fileKey) {}

  private record Loaded(SslContext context, X509Certificate leaf, Map<Path, Stamp> stamps) {}

  private SyslogTlsContext(SyslogTlsSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
    this.loaded = build();
  }

  /**
   * Loads every file and builds the context.
   *
   * @throws TlsSetupException naming the file and the reason when a file is missing or unusable
   */
  public static SyslogTlsContext load(SyslogTlsSettings settings, InstantSource clock) {
    return new SyslogTlsContext(
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"));
  }

  /** The context for a new connection. */
  public SslContext current() {
    return loaded.context();
  }

  /** The certificate the listener presents now. */
  public X509Certificate certificate() {
    return loaded.leaf();
  }

  public SyslogTlsSettings settings() {
    return settings;
  }

  /**
   * Rebuilds the context if a file changed since the last load.
   *
   * @return true when a new context is in use
   */
  public synchronized boolean reloadIfChanged() {
    Map<Path, Stamp> now;
    try {
      now = stamps();
    } catch (TlsSetupException e) {
      LOG.warn("Syslog TLS files unreadable; keeping the current context: {}", e.getMessage());
      return false;
    }
    if (now.equals(loaded.stamps())) {
      return false;
    }
    try {
      loaded = build();
    } catch (TlsSetupException e) {
      LOG.warn("Syslog TLS files changed but cannot be loaded; keeping the current context", e);
      return false;
    }
    LOG.info(
        "Syslog TLS context reloaded; certificate {} valid until {}",
        loaded.leaf().getSubjectX500Principal(),
        loaded.leaf().getNotAfter().toInstant());
    return true;
  }

  private Loaded build() {
    // stamps first: a file replaced while it is read is then seen as changed on the next check
    Map<Path, Stamp> stamps = stamps();
    TlsFiles.Identity identity = TlsFiles.identity(settings.keyMaterial());
    List<X509Certificate> cas = settings.clientCa().map(TlsFiles::certificates).orElse(List.of());
    Set<String> fingerprints = new HashSet<>(settings.fingerprints());
    settings.fingerprintFile().ifPresent(f -> fingerprints.addAll(TlsFiles.fingerprints(f)));
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity.store(), identity.password());
      SslContext context =
          SslContextBuilder.forServer(keys)
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS)
              .clientAuth(clientAuth(settings.clientAuth()))
              .trustManager(new ClientCertificateTrust(cas, fingerprints, clock))
              .build();
      return new Loaded(context, identity.leaf(), stamps);
    } catch (GeneralSecurityException | SSLException e) {
      throw new TlsSetupException(
          settings.keyMaterial().files().get(0) + ": cannot build a TLS context: " + e.getMessage(),
          e);
    }
  }

  private static ClientAuth clientAuth(ClientAuthMode mode) {
    return switch (mode) {
      case NONE -> ClientAuth.NONE;
      case OPTIONAL -> ClientAuth.OPTIONAL;
      case REQUIRED -> ClientAuth.REQUIRE;
    };
  }

  private Map<Path, Stamp> stamps() {
    Map<Path, Stamp> stamps = new LinkedHashMap<>();
    for (Path file : settings.files()) {
      try {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        stamps.put(
            file, new Stamp(attrs.lastModifiedTime().toInstant(), attrs.size(), attrs.fileKey()));
      } catch (IOException e) {
        throw new TlsSetupException(file + ": cannot read: " + e, e);
      }
    }
    return stamps;
  }
}
