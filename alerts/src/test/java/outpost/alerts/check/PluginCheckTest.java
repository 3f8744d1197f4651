package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plugin kind running Debian's real monitoring-plugins and a few shell-free programs. */
class PluginCheckTest {
  final CheckFactory factory = new CheckFactory(TestEnv.env());

  CheckResult run(String command) throws InterruptedException {
    return run(Map.of("command", command));
  }

  CheckResult run(Map<String, String> params) throws InterruptedException {
    return factory.create("plugin", params, TestEnv.LOCAL).run();
  }

  @Test
  void checkDummyExitCodesMapToStates() throws Exception {
    CheckResult crit = run("check_dummy 2 boom");
    assertThat(crit.status()).isEqualTo(Status.CRITICAL);
    assertThat(crit.output()).isEqualTo("CRITICAL: boom");
    assertThat(run("check_dummy 0 'all good'").output()).isEqualTo("OK: all good");
    assertThat(run("check_dummy 1 slow").status()).isEqualTo(Status.WARNING);
    assertThat(run("check_dummy 3 what").status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void checkTcpAgainstALocalPort() throws Exception {
    try (LineServer server = new LineServer()) {
      CheckResult r = run("check_tcp -H $HOSTADDRESS$ -p " + server.port());
      assertThat(r.status()).isEqualTo(Status.OK);
      assertThat(r.output()).startsWith("TCP OK - ");
      assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("time");
      assertThat(r.perfData().getFirst().unit()).isEqualTo("s");
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CheckResult refused = run("check_tcp -H 127.0.0.1 -p " + closed);
    assertThat(refused.status()).isEqualTo(Status.CRITICAL);
    assertThat(refused.output()).containsIgnoringCase("connection refused");
  }

  @Test
  void checkHttpAgainstALocalServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = "plugin hello".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (var out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      CheckResult r = run("check_http -H 127.0.0.1 -p " + port + " -s 'plugin hello'");
      assertThat(r.status()).isEqualTo(Status.OK);
      assertThat(r.output()).startsWith("HTTP OK: HTTP/1.1 200 OK");
      assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("time", "size");
      assertThat(r.perfData().get(1).value()).isPositive();
      CheckResult missing = run("check_http -H 127.0.0.1 -p " + port + " -s 'not there'");
      assertThat(missing.status()).isEqualTo(Status.CRITICAL);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void checkDiskPerfdataIsParsed() throws Exception {
    CheckResult r = run("check_disk -w 1% -c 0% -p /tmp");
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output()).startsWith("DISK OK");
    assertThat(r.perfData()).hasSize(1);
    PerfValue v = r.perfData().getFirst();
    assertThat(v.value()).isPositive();
    assertThat(v.unit()).isIn("B", "MB", "MiB");
    assertThat(v.max()).isNotNull().isGreaterThanOrEqualTo(v.value());
    assertThat(v.min()).isEqualTo(0.0);
    assertThat(v.warning()).isNotEmpty();
  }

  @Test
  void timeoutIsUnknownAndKillsTheProcessTree() throws Exception {
    // a shell with two children: the whole tree must go, not only the shell
    long start = System.nanoTime();
    CheckResult r =
        run(
            Map.of(
                "command",
                "/bin/sh -c '/bin/sleep 31.7 & /bin/sleep 32.7; wait'",
                "timeout",
                "1s"));
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.output()).isEqualTo("plugin timed out after 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    await()
        .atMost(5, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(
                        ProcessHandle.allProcesses()
                            .filter(ProcessHandle::isAlive)
                            .map(p -> p.info().commandLine().orElse(""))
                            .filter(c -> c.contains("sleep 31.7") || c.contains("sleep 32.7")))
                    .isEmpty());
  }

  @Test
  void sleepBeyondTheTimeoutIsUnknownAndGone() throws Exception {
    // other tests in this JVM may keep children of their own (e.g. a shared OpenSearch node)
    Set<Long> before = aliveDescendants();
    CheckResult r = run(Map.of("command", "/bin/sleep 30", "timeout", "1s"));
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.output()).isEqualTo("plugin timed out after 1s");
    // the kill is asynchronous: the plugin's tree must be gone within a few seconds
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(aliveDescendants()).isSubsetOf(before));
  }

  private static Set<Long> aliveDescendants() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  @Test
  void missingBinaryIsUnknownWithThePath() throws Exception {
    CheckResult r = run("check_does_not_exist -w 1");
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.output())
        .isEqualTo("plugin not found: /usr/lib/nagios/plugins/check_does_not_exist");
    CheckResult dir = run(Map.of("command", "check_dummy 0", "plugin_dir", "/nonexistent/plugins"));
    assertThat(dir.output()).isEqualTo("plugin not found: /nonexistent/plugins/check_dummy");
  }

  @Test
  void exitCodesOutsideZeroToThreeAreUnknown() throws Exception {
    CheckResult r = run("/bin/sh -c 'echo strange; exit 7'");
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.output()).isEqualTo("exit code 7 (not 0..3): strange");
  }

  @Test
  void stderrIsTheOutputWhenStdoutIsEmpty() throws Exception {
    CheckResult r = run("/bin/sh -c 'echo oops >&2; exit 2'");
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("oops");
  }

  @Test
  void largeOutputIsBoundedAndDoesNotBlockThePlugin() throws Exception {
    // 1 MB on stdout: far beyond the pipe buffer and the 64 KiB kept
    CheckResult r =
        run(
            "/bin/sh -c 'echo \"OK big | a=1\"; head -c 1000000 /dev/zero | tr \"\\\\000\" x; echo'");
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output()).isEqualTo("OK big");
    assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("a");
    assertThat(r.longOutput().length()).isLessThanOrEqualTo(8 * CheckResult.MAX_OUTPUT_CHARS);
  }

  @Test
  void longOutputAndPerfdataLinesFromAScript() throws Exception {
    CheckResult r =
        run(
            "/bin/sh -c 'printf \"WARNING - 2 of 3 | up=2;;;0;3\\nnode a up\\nnode c down | down=1\\n\"; exit 1'");
    assertThat(r.status()).isEqualTo(Status.WARNING);
    assertThat(r.output()).isEqualTo("WARNING - 2 of 3");
    assertThat(r.longOutput()).isEqualTo("node a up\nnode c down");
    assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("up", "down");
  }

  @Test
  void pluginsDoNotInheritOutpostsEnvironment() throws Exception {
    assertThat(System.getenv()).containsKey("PATH"); // the test JVM has an environment to leak
    CheckResult r = run("/usr/bin/env");
    String all = r.output() + "\n" + r.longOutput();
    assertThat(all.lines()).contains("LC_ALL=C", "LANG=C").anyMatch(l -> l.startsWith("PATH="));
    assertThat(all.lines().map(l -> l.substring(0, l.indexOf('='))))
        .allMatch(name -> java.util.Set.of("PATH", "LC_ALL", "LANG", "TZ").contains(name));
  }
}
