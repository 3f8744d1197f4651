package outpost.server.agents;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real lighttpd writes its access log to a file that {@code outpost-tail} follows, while the real
 * {@code logrotate} rotates it by rename (lighttpd reopens on SIGUSR1) and then by copytruncate:
 * every request is searchable exactly once.
 */
class LighttpdTailTest {
  @TempDir Path tmp;

  final String host = "lighty-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void everyRequestIsSearchableOnceAcrossRenameAndCopytruncateRotation() throws Exception {
    AgentFiles.openUp(tmp);
    Path root = Files.createDirectories(tmp.resolve("lighttpd"));
    AgentFiles.openUp(root);
    WebServerProcess.writeDocs(root.resolve("htdocs"));
    Path logs = Files.createDirectories(root.resolve("logs"));
    // lighttpd drops root before it reopens its log on SIGUSR1; it must be able to create it
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path accessLog = logs.resolve("access.log");
    Path pidFile = root.resolve("lighttpd.pid");
    int port = AgentFiles.freePort();
    Path conf = root.resolve("lighttpd.conf");
    Files.writeString(
        conf,
        "server.modules = (\"mod_accesslog\")\n"
            + "server.document-root = \""
            + root.resolve("htdocs")
            + "\"\n"
            + "server.bind = \"127.0.0.1\"\n"
            + "server.port = "
            + port
            + "\n"
            + "server.pid-file = \""
            + pidFile
            + "\"\n"
            + "server.errorlog = \""
            + logs.resolve("error.log")
            + "\"\n"
            + (AgentFiles.root()
                ? "server.username = \"nobody\"\nserver.groupname = \"nogroup\"\n"
                : "")
            + "accesslog.filename = \""
            + accessLog
            + "\"\n"
            + "accesslog.format = \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\""
            + " \\\"%{User-Agent}i\\\"\"\n");

    try (OutpostUnderTest outpost = OutpostUnderTest.start(tmp.resolve("data"), 0);
        WebServerProcess lighttpd =
            WebServerProcess.start(
                List.of("/usr/sbin/lighttpd", "-D", "-f", conf.toString()),
                root.resolve("lighttpd.out"),
                port);
        AgentProcess tail =
            AgentProcess.start(
                tmp.resolve("tail.out"),
                AgentFiles.script("outpost-tail").toString(),
                "--server",
                "127.0.0.1:" + outpost.tcpPort(),
                "--tag",
                "lighttpd-access",
                "--hostname",
                host,
                "--heartbeat",
                "0",
                "--poll",
                "100ms",
                "--rotate-wait",
                "2s",
                "--spool-dir",
                tmp.resolve("spool").toString(),
                "--file",
                accessLog.toString())) {
      Traffic traffic = new Traffic(port);
      traffic.sequential(0, 200);
      awaitExactly(outpost, 200, tail);

      // rename rotation: logrotate moves access.log aside and tells lighttpd to reopen
      Files.writeString(
          root.resolve("rename.conf"),
          accessLog
              + " {\n  rotate 5\n  missingok\n  nocompress\n"
              + (AgentFiles.root() ? "  su root root\n" : "")
              + "  postrotate\n    kill -USR1 $(cat "
              + pidFile
              + ")\n  endscript\n}\n");
      traffic.sequential(200, 300); // still in the old file until lighttpd reopens
      logrotate(root, "rename.conf");
      traffic.sequential(300, 400);
      awaitExactly(outpost, 400, tail);
      assertThat(Files.exists(logs.resolve("access.log.1"))).isTrue();

      // copytruncate: copied aside, then cut to zero in place; lighttpd keeps appending
      Files.writeString(
          root.resolve("copytruncate.conf"),
          accessLog
              + " {\n  copytruncate\n  rotate 5\n  missingok\n  nocompress\n"
              + (AgentFiles.root() ? "  su root root\n" : "")
              + "}\n");
      logrotate(root, "copytruncate.conf");
      assertThat(Files.size(accessLog)).isZero();
      traffic.sequential(400, 450);
      awaitExactly(outpost, 450, tail);
    }
  }

  static void logrotate(Path root, String conf) throws Exception {
    Process p =
        new ProcessBuilder(
                "/usr/sbin/logrotate",
                "--force",
                "--state",
                root.resolve("logrotate.state").toString(),
                root.resolve(conf).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("logrotate: %s", out).isZero();
  }

  void awaitExactly(OutpostUnderTest outpost, int n, AgentProcess tail) {
    String query = "host:" + host + " AND app:lighttpd-access";
    await("Outpost to hold requests 0.." + (n - 1) + " once each")
        .atMost(90, SECONDS)
        .pollInterval(250, MILLISECONDS)
        .untilAsserted(
            () -> {
              List<Integer> seqs = new ArrayList<>();
              for (JsonNode hit : outpost.allHits(query)) {
                seqs.add(Traffic.seqOf(hit.path("fields").path("path").asText()));
              }
              List<Integer> expected = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                expected.add(i);
              }
              assertThat(seqs)
                  .as("outpost-tail output:\n%s", tail.output())
                  .containsExactlyInAnyOrderElementsOf(expected);
            });
  }
}
