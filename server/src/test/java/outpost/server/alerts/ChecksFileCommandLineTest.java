package outpost.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.Main;

/**
 * {@code --check-config} validates the checks file as the engine would load it: a bad one exits 2
 * naming file, line, key and reason, and nothing starts; a good one passes.
 */
class ChecksFileCommandLineTest {
  @TempDir Path dir;

  private record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void badChecksFileExitsTwoNamingFileLineKeyAndReason() throws Exception {
    Path checks =
        Files.writeString(
            dir.resolve("checks.yml"),
            String.join(
                "\n",
                "checks:",
                "  - name: home",
                "    host: web-1",
                "    kind: http",
                "    url: http://web-1/",
                "    critical: \"10:5\"",
                ""));

    Result result = run(checks);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("bad checks file")
        .contains(checks.toString())
        .contains("line ")
        .contains("checks[0]");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void unknownKindIsRefused() throws Exception {
    Path checks =
        Files.writeString(
            dir.resolve("checks.yml"),
            "checks:\n  - name: x\n    host: web-1\n    kind: telepathy\n");

    Result result = run(checks);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("checks[0]").contains("telepathy");
  }

  @Test
  void goodChecksFilePasses() throws Exception {
    Path checks =
        Files.writeString(
            dir.resolve("checks.yml"),
            String.join(
                "\n",
                "contacts:",
                "  - name: oncall",
                "    phone: \"+447700900123\"",
                "notify:",
                "  contacts: [oncall]",
                "host_groups:",
                "  - name: web",
                "    match:",
                "      host: \"web-*\"",
                "templates:",
                "  - group: web",
                "    services:",
                "      - name: http",
                "        kind: http",
                "        url: http://127.0.0.1:8080/health",
                ""));

    Result result = run(checks);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("config OK");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  private Result run(Path checks) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "--check-config"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("OUTPOST_"));
    builder.environment().put("OUTPOST_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("OUTPOST_ALERTS_CHECKS_FILE", checks.toString());
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
