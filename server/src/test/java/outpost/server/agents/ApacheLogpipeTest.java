package outpost.server.agents;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache httpd (Debian's apache2) pipes its access log into {@code outpost-logpipe} as a
 * production node would ({@code CustomLog "|.../outpost-logpipe ..." combined}); the requests a
 * client made are then searched for in Outpost, field by field.
 */
class ApacheLogpipeTest {
  @TempDir Path tmp;

  final String host = "web-" + UUID.randomUUID().toString().substring(0, 8);

  /** Starts apache2 with a private config whose access log goes to outpost-logpipe. */
  WebServerProcess apache(int outpostPort, boolean oneWorker) throws IOException {
    AgentFiles.openUp(tmp);
    Path root = Files.createDirectories(tmp.resolve("apache"));
    AgentFiles.openUp(root);
    WebServerProcess.writeDocs(root.resolve("htdocs"));
    Path logs = Files.createDirectories(root.resolve("logs"));
    int port = AgentFiles.freePort();
    String mpm =
        oneWorker // requests handled (and logged) strictly one after the other
            ? """
              LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
              StartServers 1
              MinSpareServers 1
              MaxSpareServers 1
              MaxRequestWorkers 1
              """
            : "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n";
    String logpipe =
        AgentFiles.script("outpost-logpipe")
            + " --server 127.0.0.1:"
            + outpostPort
            + " --tag apache-access --hostname "
            + host
            + " --heartbeat 0 --spool-dir "
            + tmp.resolve("spool");
    String conf =
        mpm
            + "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
            + (AgentFiles.root() ? "User nobody\nGroup nogroup\n" : "")
            + "ServerName localhost\n"
            + "Listen 127.0.0.1:"
            + port
            + "\n"
            + "PidFile "
            + logs.resolve("httpd.pid")
            + "\n"
            + "ErrorLog "
            + logs.resolve("error.log")
            + "\n"
            + "DocumentRoot "
            + root.resolve("htdocs")
            + "\n"
            + "<Directory "
            + root.resolve("htdocs")
            + ">\n  Require all granted\n</Directory>\n"
            + "KeepAlive On\n"
            + "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"\""
            + " combined\n"
            + "CustomLog \"|"
            + logpipe
            + "\" combined\n";
    Path confFile = root.resolve("httpd.conf");
    Files.writeString(confFile, conf);
    return WebServerProcess.start(
        List.of(
            "/usr/sbin/apache2", "-d", root.toString(), "-f", confFile.toString(), "-DFOREGROUND"),
        root.resolve("apache.out"),
        port);
  }

  String query() {
    return "host:" + host + " AND app:apache-access";
  }

  void awaitSearchable(OutpostUnderTest outpost, long n, WebServerProcess apache) {
    await("Outpost to find " + n + " access-log lines")
        .atMost(90, SECONDS)
        .pollInterval(250, MILLISECONDS)
        .untilAsserted(
            () ->
                assertThat(outpost.total(query()))
                    .as("apache output:\n%s", apache.output())
                    .isEqualTo(n));
  }

  @Test
  void everyRequestIsSearchableWithItsStatusPathAndBytes() throws Exception {
    try (OutpostUnderTest outpost = OutpostUnderTest.start(tmp.resolve("data"), 0);
        WebServerProcess apache = apache(outpost.tcpPort(), false)) {
      List<Traffic.Result> sent = new Traffic(apache.port).concurrent(0, 3000, 4);
      awaitSearchable(outpost, 3000, apache);

      Map<Integer, Traffic.Result> bySeq = new TreeMap<>();
      sent.forEach(r -> bySeq.put(r.seq(), r));
      Map<String, Long> clientStatus = new TreeMap<>();
      long clientBytes = 0;
      for (Traffic.Result r : sent) {
        clientStatus.merge(Integer.toString(r.status()), 1L, Long::sum);
        clientBytes += r.bytes();
      }
      Map<String, Long> loggedStatus = new TreeMap<>();
      long loggedBytes = 0;
      List<Integer> seqs = new ArrayList<>();
      for (JsonNode hit : outpost.allHits(query())) {
        JsonNode f = hit.path("fields");
        int seq = Traffic.seqOf(f.path("path").asText());
        Traffic.Result r = bySeq.get(seq);
        assertThat(r).as("request of %s", hit).isNotNull();
        assertThat(f.path("path").asText()).isEqualTo(Traffic.path(seq));
        assertThat(f.path("status").asText()).isEqualTo(Integer.toString(r.status()));
        assertThat(f.path("bytes").asLong(0)).as("bytes of %s", hit).isEqualTo(r.bytes());
        assertThat(f.path("method").asText()).isEqualTo("GET");
        loggedStatus.merge(f.path("status").asText(), 1L, Long::sum);
        loggedBytes += f.path("bytes").asLong(0);
        seqs.add(seq);
      }
      assertThat(loggedStatus).isEqualTo(clientStatus).containsOnlyKeys("200", "404");
      assertThat(loggedStatus.get("404")).isEqualTo(600);
      assertThat(loggedBytes).isEqualTo(clientBytes);
      assertThat(seqs).doesNotHaveDuplicates().hasSize(3000);
    }
  }

  @Test
  void outpostDownForPartOfTheRunLosesNothingKeepsOrderAndDoesNotSlowApache() throws Exception {
    Path data = tmp.resolve("data");
    OutpostUnderTest outpost = OutpostUnderTest.start(data, 0);
    int tcpPort = outpost.tcpPort();
    try (WebServerProcess apache = apache(tcpPort, true)) {
      Traffic traffic = new Traffic(apache.port);
      List<Traffic.Result> up = traffic.sequential(0, 400);
      awaitSearchable(outpost, 400, apache);

      outpost.close();
      List<Traffic.Result> down = traffic.sequential(400, 1200);
      await("outpost-logpipe to spool while Outpost is down")
          .atMost(30, SECONDS)
          .until(() -> segments(tmp.resolve("spool")) > 0);

      double baseline = Traffic.quantileMillis(up, 0.99);
      double whileDown = Traffic.quantileMillis(down, 0.99);
      System.out.printf(
          "apache p50/p99 with Outpost up: %.2f/%.2f ms, down: %.2f/%.2f ms%n",
          Traffic.quantileMillis(up, 0.5), baseline, Traffic.quantileMillis(down, 0.5), whileDown);
      assertThat(whileDown).as("p99 latency while Outpost is down, ms").isLessThan(200);

      outpost = OutpostUnderTest.start(data, tcpPort);
      traffic.sequential(1200, 1600);
      awaitSearchable(outpost, 1600, apache);

      List<JsonNode> hits = new ArrayList<>(outpost.allHits(query()));
      hits.sort(Comparator.comparingLong(h -> Long.parseLong(h.path("id").asText())));
      List<Integer> order = new ArrayList<>();
      hits.forEach(h -> order.add(Traffic.seqOf(h.path("fields").path("path").asText())));
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 1600; i++) {
        expected.add(i);
      }
      assertThat(order).as("sequence numbers in the order Outpost stored them").isEqualTo(expected);
    } finally {
      outpost.close();
    }
  }

  static long segments(Path spool) throws IOException {
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(spool)) {
      return s.filter(p -> p.toString().endsWith(".seg")).count();
    }
  }
}
