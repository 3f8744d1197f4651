package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.TestPki;

/** The {@code store.type}, {@code store.opensearch.*} and {@code alerts.scheduler} keys. */
class OpenSearchConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheEmbeddedStoreAndThisNodeRunsTheAlerts() {
    OutpostConfig config = OutpostConfig.defaults();

    assertThat(config.store().type()).isEqualTo(OutpostConfig.StoreType.LUCENE);
    assertThat(config.store().opensearch()).isEmpty();
    assertThat(config.alertsScheduler()).isTrue();
  }

  @Test
  void readsTheClusterFromYamlWithAListOfHostsAPasswordFileAndACa() throws Exception {
    Path ca = new TestPki(dir).ca("os-ca").certificate();
    Path secret = ownerOnly(write("os.pw", "s3cret-pw\n"));
    Path file =
        write(
            "outpost.yml",
            "store:\n  type: opensearch\n  opensearch:\n"
                + "    hosts:\n      - https://os1.example:9200\n      - https://os2.example:9200/\n"
                + "    username: outpost\n    password_file: "
                + secret
                + "\n    ca_file: "
                + ca
                + "\n    index_prefix: logs-eu\n    node_id: 7\n    shards: 3\n    replicas: 1\n"
                + "alerts:\n  scheduler: false\n  scheduler_url: https://alerts.example:8443\n");

    OutpostConfig config = OutpostConfig.load(file, Map.of());

    OutpostConfig.OpenSearch os = config.store().opensearch().orElseThrow();
    assertThat(config.store().type()).isEqualTo(OutpostConfig.StoreType.OPENSEARCH);
    assertThat(os.connection().hosts())
        .containsExactly(
            URI.create("https://os1.example:9200"), URI.create("https://os2.example:9200"));
    assertThat(os.connection().username()).isEqualTo("outpost");
    assertThat(os.connection().password()).isEqualTo("s3cret-pw");
    assertThat(os.connection().caFile()).isEqualTo(ca.toAbsolutePath());
    assertThat(os.indexPrefix()).isEqualTo("logs-eu");
    assertThat(os.nodeId()).isEqualTo(7);
    assertThat(os.shards()).isEqualTo(3);
    assertThat(os.replicas()).isEqualTo(1);
    assertThat(config.alertsScheduler()).isFalse();
    assertThat(config.alertsSchedulerUrl()).isEqualTo(URI.create("https://alerts.example:8443"));
    assertThat(config.toString()).doesNotContain("s3cret-pw");
  }

  @Test
  void environmentSetsThePasswordAndOverridesTheFile() throws IOException {
    Path file =
        write(
            "outpost.yml",
            "store:\n  type: opensearch\n  opensearch:\n    hosts: http://127.0.0.1:9200\n"
                + "    username: outpost\n    password: from-file\n");

    OutpostConfig config =
        OutpostConfig.load(
            file,
            Map.of(
                "OUTPOST_STORE_OPENSEARCH_PASSWORD", "from-env",
                "OUTPOST_STORE_OPENSEARCH_NODE_ID", "12"));

    OutpostConfig.OpenSearch os = config.store().opensearch().orElseThrow();
    assertThat(os.connection().password()).isEqualTo("from-env");
    assertThat(os.nodeId()).isEqualTo(12);
  }

  @Test
  void luceneStoreKeepsTheClusterSettingsForTheMigration() {
    OutpostConfig config =
        OutpostConfig.load(null, Map.of("OUTPOST_STORE_OPENSEARCH_HOSTS", "http://10.0.0.5:9200"));

    assertThat(config.store().type()).isEqualTo(OutpostConfig.StoreType.LUCENE);
    assertThat(config.store().opensearch().orElseThrow().connection().hosts())
        .containsExactly(URI.create("http://10.0.0.5:9200"));
  }

  @Test
  void unknownStoreTypeNamesFileKeyAndReason() throws IOException {
    Path file = write("bad.yml", "store:\n  type: elastic\n");

    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file " + file + " line 2: key")
        .hasMessageContaining("'store.type'")
        .hasMessageContaining("'elastic' is not lucene or opensearch");
  }

  @Test
  void openSearchWithoutHostsIsAnError() {
    assertThatThrownBy(() -> load(Map.of("OUTPOST_STORE_TYPE", "opensearch")))
        .hasMessageContaining("environment variable OUTPOST_STORE_TYPE: key 'store.type'")
        .hasMessageContaining("opensearch needs store.opensearch.hosts (at least one URL)");
  }

  @Test
  void badHostsAreRejectedWithTheUrl() {
    assertThatThrownBy(() -> withHosts("ftp://os1:9200"))
        .hasMessageContaining("environment variable OUTPOST_STORE_OPENSEARCH_HOSTS")
        .hasMessageContaining("'store.opensearch.hosts'")
        .hasMessageContaining("'ftp://os1:9200' is not an http:// or https:// URL with a host");
    assertThatThrownBy(() -> withHosts("http://os1:9200,os2:9200"))
        .hasMessageContaining("'os2:9200' is not an http:// or https:// URL");
    assertThatThrownBy(() -> withHosts("http://os 1:9200"))
        .hasMessageContaining("'http://os 1:9200' is not a URL");
    assertThatThrownBy(() -> withHosts("https://os1:9200/logs"))
        .hasMessageContaining("has a path or query");
    assertThatThrownBy(() -> withHosts("https://admin:pw@os1:9200"))
        .hasMessageContaining("carries user info")
        .hasMessageNotContaining("admin:pw");
  }

  @Test
  void numbersOutsideTheirRangeNameKeyAndLimit() {
    assertThatThrownBy(
            () -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_NODE_ID", "40000"))
        .hasMessageContaining("'store.opensearch.node_id': 40000 is outside 0..32767");
    assertThatThrownBy(() -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_SHARDS", "0"))
        .hasMessageContaining("'store.opensearch.shards': 0 is outside 1..1024");
    assertThatThrownBy(() -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_REPLICAS", "x"))
        .hasMessageContaining("'store.opensearch.replicas': 'x' is not a whole number");
    assertThatThrownBy(
            () -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_INDEX_PREFIX", "Logs"))
        .hasMessageContaining("'store.opensearch.index_prefix': 'Logs' must be");
    assertThatThrownBy(() -> load(Map.of("OUTPOST_ALERTS_SCHEDULER", "maybe")))
        .hasMessageContaining("'alerts.scheduler': 'maybe' is not true or false");
    assertThatThrownBy(() -> load(Map.of("OUTPOST_ALERTS_SCHEDULER", "false")))
        .hasMessageContaining("'alerts.scheduler_url'")
        .hasMessageContaining("is required when alerts.scheduler is false");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "OUTPOST_ALERTS_SCHEDULER",
                        "false",
                        "OUTPOST_ALERTS_SCHEDULER_URL",
                        "alerts.example:8443")))
        .hasMessageContaining("'alerts.scheduler_url'");
  }

  @Test
  void usernameAndPasswordGoTogether() {
    assertThatThrownBy(
            () -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_USERNAME", "outpost"))
        .hasMessageContaining("'store.opensearch.password'")
        .hasMessageContaining("is needed with store.opensearch.username");
    assertThatThrownBy(
            () -> withHosts("http://os1:9200", "OUTPOST_STORE_OPENSEARCH_PASSWORD", "pw-only-9"))
        .hasMessageContaining("'store.opensearch.username'")
        .hasMessageContaining("is empty but an OpenSearch password is set")
        .hasMessageNotContaining("pw-only-9");
  }

  @Test
  void passwordFileMustBePrivateAndNotCombinedWithThePassword() throws IOException {
    Path secret = write("os.pw", "s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "OUTPOST_STORE_OPENSEARCH_HOSTS", "http://os1:9200",
                        "OUTPOST_STORE_OPENSEARCH_USERNAME", "outpost",
                        "OUTPOST_STORE_OPENSEARCH_PASSWORD_FILE", secret.toString())))
        .hasMessageContaining("'store.opensearch.password_file'")
        .hasMessageContaining("is readable by group or others; chmod 600 it")
        .hasMessageNotContaining("s3cret");
    ownerOnly(secret);
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "OUTPOST_STORE_OPENSEARCH_HOSTS", "http://os1:9200",
                        "OUTPOST_STORE_OPENSEARCH_USERNAME", "outpost",
                        "OUTPOST_STORE_OPENSEARCH_PASSWORD", "inline",
                        "OUTPOST_STORE_OPENSEARCH_PASSWORD_FILE", secret.toString())))
        .hasMessageContaining(
            "set either store.opensearch.password or store.opensearch.password_file");
  }

  @Test
  void caFileMustExistAndHoldCertificates() throws IOException {
    Path missing = dir.resolve("nope.crt");
    Path notPem = write("ca.crt", "this is no certificate\n");

    assertThatThrownBy(
            () ->
                withHosts(
                    "https://os1:9200", "OUTPOST_STORE_OPENSEARCH_CA_FILE", missing.toString()))
        .hasMessageContaining("'store.opensearch.ca_file'")
        .hasMessageContaining(missing + " does not exist or is not a file");
    assertThatThrownBy(
            () ->
                withHosts(
                    "https://os1:9200", "OUTPOST_STORE_OPENSEARCH_CA_FILE", notPem.toString()))
        .hasMessageContaining("'store.opensearch.ca_file'")
        .hasMessageContaining(notPem.toString());
  }

  private static OutpostConfig withHosts(String hosts, String... more) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("OUTPOST_STORE_OPENSEARCH_HOSTS", hosts);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return load(env);
  }

  private static OutpostConfig load(Map<String, String> env) {
    return OutpostConfig.load(null, env);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Path ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
