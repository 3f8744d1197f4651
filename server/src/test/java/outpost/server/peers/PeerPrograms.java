package outpost.server.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the real peer programs the end-to-end tests run. A missing program fails the test with a
 * message saying to run {@code scripts/test}, which installs them; it never skips. Stateless.
 */
public final class PeerPrograms {
  /** Where scripts/test unpacks syslog-ng, relative to the repository root. */
  static final Path SYSLOG_NG_TOOLS = Path.of(".test-tools", "syslog-ng");

  private static final Path SYSLOG_NG_IN_ROOT = Path.of("usr", "sbin", "syslog-ng");

  private PeerPrograms() {}

  /** util-linux's {@code logger} (Debian package bsdutils). */
  public static Path logger() {
    return firstExecutable(
        "logger", "bsdutils", Path.of("/usr/bin/logger"), Path.of("/bin/logger"));
  }

  /** {@code rsyslogd}: {@code $OUTPOST_TEST_RSYSLOGD}, else the Debian package's. */
  public static Path rsyslogd() {
    return firstExecutable(
        "rsyslogd",
        "rsyslog",
        envPath("OUTPOST_TEST_RSYSLOGD"),
        Path.of("/usr/sbin/rsyslogd"),
        Path.of("/sbin/rsyslogd"));
  }

  /**
   * syslog-ng: {@code $OUTPOST_TEST_SYSLOG_NG}, else the copy scripts/test unpacks under {@code
   * .test-tools/syslog-ng} (searched for from the working directory upwards), else the system's.
   */
  public static SyslogNgInstallation syslogNg() {
    Path binary =
        firstExecutable(
            "syslog-ng",
            "syslog-ng-core",
            envPath("OUTPOST_TEST_SYSLOG_NG"),
            unpackedSyslogNg(),
            Path.of("/usr/sbin/syslog-ng"));
    return SyslogNgInstallation.of(binary);
  }

  private static Path envPath(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static Path unpackedSyslogNg() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SYSLOG_NG_TOOLS).resolve(SYSLOG_NG_IN_ROOT);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path firstExecutable(String program, String debianPackage, Path... candidates) {
    return Stream.of(candidates)
        .filter(p -> p != null && Files.isExecutable(p))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    program
                        + " not found (looked for "
                        + Stream.of(candidates).filter(p -> p != null).toList()
                        + "); run scripts/test, which installs "
                        + debianPackage
                        + " and the other test peers, then runs the tests"));
  }

  /**
   * A syslog-ng binary and what it needs to run from where it is: for a copy unpacked with {@code
   * dpkg-deb -x}, its library directory (for {@code LD_LIBRARY_PATH}; the binary's RUNPATH names
   * /usr/lib/syslog-ng) and its module directory (for {@code --module-path}).
   */
  public record SyslogNgInstallation(
      Path binary, Optional<Path> libraryDir, Optional<Path> moduleDir) {

    static SyslogNgInstallation of(Path binary) {
      // <root>/usr/sbin/syslog-ng -> <root>/usr/lib/syslog-ng/<version>/libafsocket.so
      Path libraryDir = binary.toAbsolutePath().getParent().resolveSibling("lib/syslog-ng");
      if (binary.startsWith("/usr/sbin") || !Files.isDirectory(libraryDir)) {
        return new SyslogNgInstallation(binary, Optional.empty(), Optional.empty());
      }
      try (Stream<Path> versions = Files.list(libraryDir)) {
        Optional<Path> moduleDir =
            versions.filter(v -> Files.exists(v.resolve("libafsocket.so"))).findFirst();
        if (moduleDir.isEmpty()) {
          throw new AssertionError(
              "syslog-ng at "
                  + binary
                  + " has no module directory under "
                  + libraryDir
                  + "; delete .test-tools/syslog-ng and run scripts/test again");
        }
        return new SyslogNgInstallation(binary, Optional.of(libraryDir), moduleDir);
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + libraryDir, e);
      }
    }
  }
}
