package outpost.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import outpost.index.opensearch.OpenSearchConnection;
import outpost.index.opensearch.OpenSearchStoreConfig;

/**
 * Reads {@code store.type} and the {@code store.opensearch.*} keys: the cluster's URLs, basic auth
 * (password inline, from the environment or from an owner-only file; never in a message), the CA
 * file, the index prefix, this node's id and the shard layout. Stateless.
 */
final class OpenSearchConfig {
  private static final long MAX_CA_FILE_BYTES = 1 << 20;
  private static final int MAX_HOSTS = 64;

  private OpenSearchConfig() {}

  /** The store kind {@code store.type} names. */
  static OutpostConfig.StoreType type(ConfigSource src) {
    return switch (src.text(ConfigKeys.STORE_TYPE).toLowerCase(Locale.ROOT)) {
      case "lucene" -> OutpostConfig.StoreType.LUCENE;
      case "opensearch" -> OutpostConfig.StoreType.OPENSEARCH;
      default ->
          throw src.invalid(
              ConfigKeys.STORE_TYPE,
              "'" + src.text(ConfigKeys.STORE_TYPE) + "' is not lucene or opensearch");
    };
  }

  /**
   * The cluster settings when {@code store.opensearch.hosts} is set (also with {@code store.type}
   * lucene: the migration command reads them); empty otherwise.
   *
   * @throws ConfigException when {@code type} is OpenSearch and no hosts are set, or a key is bad
   */
  static Optional<OutpostConfig.OpenSearch> load(ConfigSource src, OutpostConfig.StoreType type) {
    List<URI> hosts = hosts(src);
    if (hosts.isEmpty()) {
      if (type == OutpostConfig.StoreType.OPENSEARCH) {
        throw src.invalid(
            ConfigKeys.STORE_TYPE,
            "opensearch needs store.opensearch.hosts (at least one URL), which is empty");
      }
      return Optional.empty();
    }
    String user = src.text(ConfigKeys.STORE_OPENSEARCH_USERNAME);
    String password = password(src);
    if (user.isEmpty() && password != null) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_USERNAME, "is empty but an OpenSearch password is set");
    }
    if (!user.isEmpty() && password == null) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_PASSWORD,
          "is needed with store.opensearch.username: set it (or its environment variable) or"
              + " store.opensearch.password_file");
    }
    String prefix = src.text(ConfigKeys.STORE_OPENSEARCH_INDEX_PREFIX);
    if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_INDEX_PREFIX,
          "'"
              + prefix
              + "' must be 1..101 lower-case letters, digits, '-' or '_', not starting"
              + " with '-' or '_'");
    }
    OpenSearchConnection connection =
        new OpenSearchConnection(hosts, user.isEmpty() ? null : user, password, caFile(src));
    return Optional.of(
        new OutpostConfig.OpenSearch(
            connection,
            prefix,
            src.intValue(ConfigKeys.STORE_OPENSEARCH_NODE_ID, 0, OpenSearchStoreConfig.MAX_NODE_ID),
            src.intValue(ConfigKeys.STORE_OPENSEARCH_SHARDS, 1, 1024),
            src.intValue(ConfigKeys.STORE_OPENSEARCH_REPLICAS, 0, 100)));
  }

  private static List<URI> hosts(ConfigSource src) {
    String text = src.text(ConfigKeys.STORE_OPENSEARCH_HOSTS);
    List<URI> hosts = new ArrayList<>();
    if (text.isEmpty()) {
      return hosts;
    }
    for (String part : text.split(",")) {
      hosts.add(host(src, part.strip()));
    }
    if (hosts.size() > MAX_HOSTS) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_HOSTS,
          hosts.size() + " URLs exceed the limit of " + MAX_HOSTS);
    }
    return hosts;
  }

  private static URI host(ConfigSource src, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_HOSTS, "'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_HOSTS,
          "'" + text + "' is not an http:// or https:// URL with a host, like https://os1:9200");
    }
    if (uri.getUserInfo() != null) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_HOSTS,
          "a URL carries user info; set store.opensearch.username and the password instead");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_HOSTS,
          "'" + text + "' has a path or query; give the node's base URL, like https://os1:9200");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  /** The password from the key, its environment variable or the owner-only file; null if none. */
  private static String password(ConfigSource src) {
    String inline = src.text(ConfigKeys.STORE_OPENSEARCH_PASSWORD);
    String file = src.text(ConfigKeys.STORE_OPENSEARCH_PASSWORD_FILE);
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_PASSWORD_FILE,
          "set either store.opensearch.password or store.opensearch.password_file");
    }
    if (!file.isEmpty()) {
      return SecretFiles.firstLine(src, ConfigKeys.STORE_OPENSEARCH_PASSWORD_FILE, Path.of(file));
    }
    return inline.isEmpty() ? null : inline;
  }

  /** The CA file, checked to hold at least one PEM certificate; null when not set. */
  private static Path caFile(ConfigSource src) {
    String text = src.text(ConfigKeys.STORE_OPENSEARCH_CA_FILE);
    if (text.isEmpty()) {
      return null;
    }
    Path file = Path.of(text).toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(file)) {
        throw src.invalid(
            ConfigKeys.STORE_OPENSEARCH_CA_FILE, file + " does not exist or is not a file");
      }
      if (Files.size(file) > MAX_CA_FILE_BYTES) {
        throw src.invalid(
            ConfigKeys.STORE_OPENSEARCH_CA_FILE,
            file + ": size exceeds limit " + MAX_CA_FILE_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
          throw src.invalid(
              ConfigKeys.STORE_OPENSEARCH_CA_FILE, file + " holds no PEM certificate");
        }
      }
    } catch (IOException e) {
      throw src.invalid(ConfigKeys.STORE_OPENSEARCH_CA_FILE, "cannot read " + file + ": " + e);
    } catch (CertificateException e) {
      throw src.invalid(
          ConfigKeys.STORE_OPENSEARCH_CA_FILE,
          file + " is not a PEM certificate bundle: " + e.getMessage());
    }
    return file;
  }
}
