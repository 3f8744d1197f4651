package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test certificates made with the {@code openssl} command. */
final class OpenSslCommand {
  private OpenSslCommand() {}

  static void run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  /**
   * A self-signed RSA {@code name.crt} for localhost and 127.0.0.1, and an owner-only {@code
   * name.key}.
   */
  static void certificate(Path dir, String name) throws IOException, InterruptedException {
    run(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt");
    Files.setPosixFilePermissions(
        dir.resolve(name + ".key"), PosixFilePermissions.fromString("rw-------"));
  }
}
