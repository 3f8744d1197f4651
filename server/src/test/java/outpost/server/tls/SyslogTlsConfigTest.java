package outpost.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.ClientAuthMode;
import outpost.ingest.transport.tls.TestPki;
import outpost.server.ConfigException;
import outpost.server.OutpostConfig;

/** The {@code syslog.tls.*}, {@code syslog.limits.*} and {@code syslog.allow} keys. */
class SyslogTlsConfigTest {
  @TempDir Path dir;
  private TestPki pki;
  private TestPki.Ca ca;
  private TestPki.Leaf server;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void certificates() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    server = pki.server(ca, "server");
    env.put("OUTPOST_DATA_DIR", dir.resolve("data").toString());
    env.put("OUTPOST_SYSLOG_TLS_PORT", "6514");
    env.put("OUTPOST_SYSLOG_TLS_CERTIFICATE", server.certificate().toString());
    env.put("OUTPOST_SYSLOG_TLS_PRIVATE_KEY", server.key().toString());
    env.put("OUTPOST_SYSLOG_TLS_CLIENT_CA", ca.certificate().toString());
  }

  @Test
  void tlsIsOffByDefaultAndLoadsWhenConfigured() {
    assertThat(OutpostConfig.defaults().syslog().tls()).isEmpty();
    assertThat(OutpostConfig.defaults().syslog().tlsPort()).isEqualTo(-1);
    OutpostConfig config = OutpostConfig.load(null, env);
    assertThat(config.syslog().tlsPort()).isEqualTo(6514);
    assertThat(config.syslog().tls().orElseThrow().clientAuth()).isEqualTo(ClientAuthMode.REQUIRED);
  }

  @Test
  void groupReadableKeyIsRefusedNamingKeyAndFile() throws Exception {
    Files.setPosixFilePermissions(server.key(), PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment variable OUTPOST_SYSLOG_TLS_PRIVATE_KEY")
        .hasMessageContaining("'syslog.tls.private_key'")
        .hasMessageContaining(server.key() + " is readable by group or others");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    TestPki.Leaf other = pki.client(ca, "other");
    env.put("OUTPOST_SYSLOG_TLS_PRIVATE_KEY", other.key().toString());
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.tls.private_key'")
        .hasMessageContaining("does not match the certificate in " + server.certificate());
  }

  @Test
  void missingFilesAndBadValuesAreNamed() {
    env.put("OUTPOST_SYSLOG_TLS_CLIENT_CA", dir.resolve("nope.pem").toString());
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.tls.client_ca'")
        .hasMessageContaining("nope.pem does not exist");
    env.put("OUTPOST_SYSLOG_TLS_CLIENT_CA", ca.certificate().toString());

    env.put("OUTPOST_SYSLOG_TLS_CLIENT_AUTH", "sometimes");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.tls.client_auth': 'sometimes' is not one of none");
    env.remove("OUTPOST_SYSLOG_TLS_CLIENT_AUTH");

    env.put("OUTPOST_SYSLOG_TLS_CLIENT_FINGERPRINTS", "AB:CD");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.tls.client_fingerprints': 'AB:CD' is not a SHA-256");
    env.remove("OUTPOST_SYSLOG_TLS_CLIENT_FINGERPRINTS");

    env.remove("OUTPOST_SYSLOG_TLS_CERTIFICATE");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.tls.private_key': is set but syslog.tls.certificate is not");
  }

  @Test
  void limitsAndAllowListAreParsed() {
    env.put("OUTPOST_SYSLOG_LIMITS_RATE_PER_SOURCE", "500");
    env.put("OUTPOST_SYSLOG_LIMITS_BYTES_PER_SOURCE", "1MiB");
    env.put("OUTPOST_SYSLOG_LIMITS_CONNECTIONS_PER_SOURCE", "4");
    env.put("OUTPOST_SYSLOG_ALLOW", "10.0.0.0/8, 2001:db8::/32");
    OutpostConfig.Syslog syslog = OutpostConfig.load(null, env).syslog();
    assertThat(syslog.limits().ratePerSource()).isEqualTo(500);
    assertThat(syslog.limits().bytesPerSource()).isEqualTo(1 << 20);
    assertThat(syslog.limits().connectionsPerSource()).isEqualTo(4);
    assertThat(syslog.limits().allow()).hasSize(2);

    env.put("OUTPOST_SYSLOG_ALLOW", "10.0.0.0/8,web-1");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.allow': 'web-1' is not an IP address");
    env.put("OUTPOST_SYSLOG_ALLOW", "");
    env.put("OUTPOST_SYSLOG_LIMITS_RATE_PER_SOURCE", "-5");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("'syslog.limits.rate_per_source': -5 is outside 0..");
  }
}
