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
  void helpNamesEveryCommandAndTheExitCodes() throws Exception {
    Result help = run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout())
        .contains("outpost check-config [--config FILE]")
        .contains("outpost upgrade-data [--config FILE]")
        .contains("0 ok, 1 start-up failed, 2 bad usage or config, 3 data directory refused");

    Result unknown = run("frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown command 'frobnicate'");
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
