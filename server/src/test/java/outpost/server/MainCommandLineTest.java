package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: bad config exits 2 naming file, key and reason; nothing starts. */
class MainCommandLineTest {
  @TempDir Path dir;

  private record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void badConfigFileExitsTwoNamingFileKeyAndReason() throws Exception {
    Path config = Files.writeString(dir.resolve("outpost.yml"), "web:\n  port: 99999\n");

    Result result = run("--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("bad config")
        .contains("file " + config)
        .contains("web.port")
        .contains("99999 is outside 0..65535");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void missingConfigFileAndUnknownArgumentExitTwo() throws Exception {
    Result missing = run("--config", dir.resolve("nope.yml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("nope.yml").contains("not found");

    Result unknown = run("--verbose");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown argument '--verbose'");
  }

  @Test
  void checkConfigAcceptsAGoodFileWithoutStarting() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("good.yml"),
            "data_dir: " + dir.resolve("data") + "\nsyslog:\n  udp_port: -1\n");

    Result result = run("--config", config.toString(), "--check-config");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("config OK");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void helpDocumentsTheMigrationAndItsExitCodes() throws Exception {
    Result result = run("migrate-to-opensearch", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains("outpost migrate-to-opensearch [--config FILE]")
        .contains("node_id << 48 | sequence number")
        .contains("Exit codes: 0 copied and every day's count matches")
        .contains("3 an Outpost is running")
        .contains("4 copied but incomplete");
    assertThat(run("--help").stdout()).contains("migrate-to-opensearch");
  }

  @Test
  void migrationWithoutClusterOrStoreExitsTwoSayingWhy() throws Exception {
    Path noCluster =
        Files.writeString(dir.resolve("lucene.yml"), "data_dir: " + dir.resolve("data") + "\n");
    Result withoutHosts = run("migrate-to-opensearch", "--config", noCluster.toString());
    assertThat(withoutHosts.exitCode()).isEqualTo(2);
    assertThat(withoutHosts.stderr()).contains("store.opensearch.hosts is not set");

    Path empty =
        Files.writeString(
            dir.resolve("cluster.yml"),
            "data_dir: "
                + dir.resolve("empty")
                + "\nstore:\n  opensearch:\n    hosts: http://127.0.0.1:9\n");
    Result withoutStore = run("migrate-to-opensearch", "--config", empty.toString());
    assertThat(withoutStore.exitCode()).isEqualTo(2);
    assertThat(withoutStore.stderr()).contains("holds no embedded store");

    Result unknown = run("migrate-to-opensearch", "--fast");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown argument '--fast'");
  }

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("OUTPOST_"));
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
