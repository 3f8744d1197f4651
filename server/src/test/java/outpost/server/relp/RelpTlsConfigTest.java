package outpost.server.relp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.ClientAuthMode;
import outpost.ingest.transport.tls.TestPki;
import outpost.server.ConfigException;
import outpost.server.OutpostConfig;

/** {@code syslog.relp_tls_port}: off by default, uses the {@code syslog.tls.*} settings. */
class RelpTlsConfigTest {
  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void dataDir() {
    env.put("OUTPOST_DATA_DIR", dir.resolve("data").toString());
  }

  @Test
  void relpTlsIsOffByDefault() {
    assertThat(OutpostConfig.defaults().syslog().relpTlsPort()).isEqualTo(-1);
    assertThat(OutpostConfig.load(null, env).syslog().tls()).isEmpty();
  }

  @Test
  void relpTlsAloneLoadsTheTlsSettingsWithoutTheSyslogTlsListener() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    TestPki.Leaf server = pki.server(ca, "server");
    env.put("OUTPOST_SYSLOG_RELP_TLS_PORT", "2515");
    env.put("OUTPOST_SYSLOG_TLS_CERTIFICATE", server.certificate().toString());
    env.put("OUTPOST_SYSLOG_TLS_PRIVATE_KEY", server.key().toString());
    env.put("OUTPOST_SYSLOG_TLS_CLIENT_CA", ca.certificate().toString());

    OutpostConfig.Syslog syslog = OutpostConfig.load(null, env).syslog();

    assertThat(syslog.relpTlsPort()).isEqualTo(2515);
    assertThat(syslog.tlsPort()).isEqualTo(-1);
    assertThat(syslog.tls().orElseThrow().clientAuth()).isEqualTo(ClientAuthMode.REQUIRED);
  }

  @Test
  void relpTlsWithoutKeyMaterialIsRefusedNamingTheKey() {
    env.put("OUTPOST_SYSLOG_RELP_TLS_PORT", "2515");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'syslog.relp_tls_port'")
        .hasMessageContaining("syslog.tls.certificate");
  }

  @Test
  void relpTlsPortOutsideRangeIsRefused() {
    env.put("OUTPOST_SYSLOG_RELP_TLS_PORT", "70000");
    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'syslog.relp_tls_port'")
        .hasMessageContaining("70000");
  }
}
