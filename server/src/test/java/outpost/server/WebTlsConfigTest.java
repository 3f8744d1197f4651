package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebTlsConfigTest {
  @TempDir Path dir;

  private void openssl(String... args) throws IOException, InterruptedException {
    OpenSslCommand.run(dir, args);
  }

  private void certificate(String name) throws IOException, InterruptedException {
    OpenSslCommand.certificate(dir, name);
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("outpost.yml"), text);
  }

  private String pemYaml(String cert, String key) {
    return "web:\n  tls:\n    certificate: "
        + dir.resolve(cert)
        + "\n    private_key: "
        + dir.resolve(key)
        + "\n";
  }

  @Test
  void noTlsByDefault() {
    assertThat(OutpostConfig.defaults().web().tls()).isEmpty();
  }

  @Test
  void loadsPemFilesNamedInTheConfigFile() throws Exception {
    certificate("web");

    OutpostConfig config = OutpostConfig.load(yaml(pemYaml("web.crt", "web.key")), Map.of());

    assertThat(config.web().tls()).isPresent();
  }

  @Test
  void refusesAGroupReadableKeyAndAMismatchedPairNamingFileAndKey() throws Exception {
    certificate("a");
    certificate("b");
    Path file = yaml(pemYaml("a.crt", "b.key"));

    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "file "
                + file
                + " line 4: key 'web.tls.private_key': "
                + dir.resolve("b.key")
                + ": private key does not match the first certificate in "
                + dir.resolve("a.crt"));

    Files.setPosixFilePermissions(
        dir.resolve("b.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .hasMessageContaining("key 'web.tls.private_key'")
        .hasMessageContaining("readable by group or others");
  }

  @Test
  void certificateWithoutKeyAndBothFormsAreErrors() throws Exception {
    certificate("a");
    Map<String, String> certOnly =
        Map.of("OUTPOST_WEB_TLS_CERTIFICATE", dir.resolve("a.crt").toString());

    assertThatThrownBy(() -> OutpostConfig.load(null, certOnly))
        .hasMessage(
            "environment variable OUTPOST_WEB_TLS_CERTIFICATE: key 'web.tls.certificate': is set"
                + " but web.tls.private_key is not");
    assertThatThrownBy(
            () ->
                OutpostConfig.load(
                    yaml(pemYaml("a.crt", "a.key") + "    keystore: /x.p12\n"), Map.of()))
        .hasMessageContaining("key 'web.tls.keystore': set either");
    assertThatThrownBy(
            () -> OutpostConfig.load(null, Map.of("OUTPOST_WEB_TLS_PRIVATE_KEY", "/nope.key")))
        .hasMessageContaining("key 'web.tls.private_key': is set but web.tls.certificate is not");
  }

  @Test
  void loadsAKeystoreWithItsPasswordFromAnOwnerOnlyFile() throws Exception {
    certificate("web");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        "web.crt",
        "-inkey",
        "web.key",
        "-out",
        "web.p12",
        "-passout",
        "pass:store secret");
    Path passwordFile = Files.writeString(dir.resolve("ks.pw"), "store secret\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env =
        Map.of(
            "OUTPOST_WEB_TLS_KEYSTORE", dir.resolve("web.p12").toString(),
            "OUTPOST_WEB_TLS_KEYSTORE_PASSWORD_FILE", passwordFile.toString());

    assertThat(OutpostConfig.load(null, env).web().tls()).isPresent();

    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("key 'web.tls.keystore_password_file'")
        .hasMessageContaining("readable by group or others");
  }

  @Test
  void aWrongOrMissingKeystorePasswordIsNamedButNeverShown() throws Exception {
    certificate("web");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        "web.crt",
        "-inkey",
        "web.key",
        "-out",
        "web.p12",
        "-passout",
        "pass:store secret");
    String keystore = dir.resolve("web.p12").toString();

    assertThatThrownBy(
            () ->
                OutpostConfig.load(
                    null,
                    Map.of(
                        "OUTPOST_WEB_TLS_KEYSTORE",
                        keystore,
                        "OUTPOST_WEB_TLS_KEYSTORE_PASSWORD",
                        "guessed-pw")))
        .hasMessageStartingWith(
            "environment variable OUTPOST_WEB_TLS_KEYSTORE: key 'web.tls.keystore': " + keystore)
        .hasMessageContaining("password")
        .hasMessageNotContaining("guessed-pw");
    assertThatThrownBy(() -> OutpostConfig.load(null, Map.of("OUTPOST_WEB_TLS_KEYSTORE", keystore)))
        .hasMessageStartingWith(
            "environment variable OUTPOST_WEB_TLS_KEYSTORE: key 'web.tls.keystore'")
        .hasMessageContaining("needs a password");
  }
}
