package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import outpost.ingest.transport.tls.TestPki;

/**
 * A real Apache httpd (Debian's apache2, installed by {@code scripts/test}) in front of an
 * OpenSearch node: HTTPS with a certificate from a test CA, HTTP Basic auth against an {@code
 * htpasswd} file (bcrypt, made by {@code htpasswd}), everything proxied to the node's plain HTTP
 * port. Stands in for a secured cluster: the integ-test distribution has no security plugin. Run in
 * the foreground in a session of its own; {@link #close} stops it with SIGTERM and waits.
 */
final class ApacheTlsProxy implements AutoCloseable {
  private static final String MODULES = "/usr/lib/apache2/modules/";

  private final Process process;
  private final Path root;
  private final int port;

  private ApacheTlsProxy(Process process, Path root, int port) {
    this.process = process;
    this.root = root;
    this.port = port;
  }

  /**
   * Starts the proxy in {@code root} (created) for {@code backend}, serving {@code certificate} and
   * admitting {@code user} with {@code password}.
   */
  static ApacheTlsProxy start(
      Path root, URI backend, TestPki.Leaf certificate, String user, String password)
      throws IOException, InterruptedException {
    Files.createDirectories(root.resolve("logs"));
    openUp(root);
    Path htpasswd = root.resolve("htpasswd");
    run(List.of("htpasswd", "-cbB", htpasswd.toString(), user, password));
    Files.setPosixFilePermissions(htpasswd, PosixFilePermissions.fromString("rw-r--r--"));
    int port = freePort();
    Path conf = root.resolve("httpd.conf");
    Files.writeString(conf, config(root, port, backend, certificate, htpasswd));
    ProcessBuilder pb =
        new ProcessBuilder(
            "/usr/bin/setsid",
            "/usr/sbin/apache2",
            "-d",
            root.toString(),
            "-f",
            conf.toString(),
            "-DFOREGROUND");
    pb.redirectErrorStream(true).redirectOutput(root.resolve("apache.out").toFile());
    ApacheTlsProxy proxy = new ApacheTlsProxy(pb.start(), root, port);
    try {
      await("apache2 to accept connections on port " + port)
          .atMost(30, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                if (!proxy.process.isAlive()) {
                  throw new IllegalStateException("apache2 exited:\n" + proxy.output());
                }
                return accepts(port);
              });
    } catch (RuntimeException | Error e) {
      proxy.close();
      throw e;
    }
    return proxy;
  }

  private static String config(
      Path root, int port, URI backend, TestPki.Leaf certificate, Path htpasswd) {
    StringBuilder c = new StringBuilder();
    for (String m :
        List.of(
            "mpm_event",
            "authz_core",
            "authz_user",
            "authn_core",
            "authn_file",
            "auth_basic",
            "proxy",
            "proxy_http",
            "socache_shmcb",
            "ssl")) {
      c.append("LoadModule ").append(m).append("_module ").append(MODULES);
      c.append("mod_").append(m).append(".so\n");
    }
    if (root()) {
      c.append("User nobody\nGroup nogroup\n");
    }
    String target = backend.toString().replaceAll("/$", "") + "/";
    c.append("ServerName localhost\n")
        .append("Listen 127.0.0.1:")
        .append(port)
        .append(" https\n")
        .append("PidFile ")
        .append(root.resolve("logs/httpd.pid"))
        .append("\nErrorLog ")
        .append(root.resolve("logs/error.log"))
        .append("\nSSLEngine on\nSSLCertificateFile ")
        .append(certificate.certificate())
        .append("\nSSLCertificateKeyFile ")
        .append(certificate.key())
        .append("\n<Location />\n  AuthType Basic\n  AuthName \"opensearch\"\n  AuthUserFile ")
        .append(htpasswd)
        .append("\n  Require valid-user\n</Location>\n")
        .append("ProxyPass / ")
        .append(target)
        .append("\nProxyPassReverse / ")
        .append(target)
        .append('\n');
    return c.toString();
  }

  /** {@code https://localhost:PORT}: the name the certificate carries. */
  URI url() {
    return URI.create("https://localhost:" + port);
  }

  String output() {
    try {
      String out = Files.readString(root.resolve("apache.out"));
      Path log = root.resolve("logs/error.log");
      return out + (Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The worker processes run as nobody: they must reach the htpasswd file. */
  private static void openUp(Path dir) throws IOException {
    for (Path d = dir;
        d != null && d.startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        d = d.getParent()) {
      if (Files.isDirectory(d) && !d.equals(Path.of(System.getProperty("java.io.tmpdir")))) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(command + " failed:\n" + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM, then waits (at most 60 s) for apache2 and its workers. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(60, SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        throw new IllegalStateException("apache2 did not stop within 60 s");
      }
      for (ProcessHandle child : children) {
        child.onExit().get(60, SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      children.forEach(ProcessHandle::destroyForcibly);
      throw new IllegalStateException("apache2 workers did not stop within 60 s", e);
    }
  }
}
