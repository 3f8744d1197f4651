package outpost.web.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test certificates with the {@code openssl} command. */
public final class OpenSsl {
  private OpenSsl() {}

  /** Runs openssl with {@code args} in {@code dir} and fails the test when it fails. */
  public static void run(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      boolean done = process.waitFor(60, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(done).as("openssl finished").isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * A self-signed certificate for localhost and 127.0.0.1 in {@code name.crt} with its PKCS#8 key
   * in {@code name.key}.
   *
   * @param keyType {@code rsa:2048} or {@code ec} (P-256)
   */
  public static void selfSigned(Path dir, String name, String keyType) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "req",
                "-x509",
                "-newkey",
                keyType,
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
                name + ".crt"));
    if (keyType.equals("ec")) {
      args.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
    }
    run(dir, args.toArray(String[]::new));
  }

  /** Bundles {@code name.crt} and {@code name.key} into {@code name.p12} with {@code password}. */
  public static void pkcs12(Path dir, String name, String password) throws IOException {
    run(
        dir,
        "pkcs12",
        "-export",
        "-in",
        name + ".crt",
        "-inkey",
        name + ".key",
        "-out",
        name + ".p12",
        "-name",
        "outpost",
        "-passout",
        "pass:" + password);
  }
}
