package outpost.index.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to reach an OpenSearch cluster. Immutable.
 *
 * @param hosts base URLs of one or more nodes ({@code http://127.0.0.1:9200}, {@code https://...});
 *     requests are spread over them and fail over between them
 * @param username HTTP basic auth user, or null for none
 * @param password HTTP basic auth password, or null; never logged or shown
 * @param caFile PEM file with the CA certificate(s) that sign the cluster's HTTPS certificate, or
 *     null to use the JDK's trust store
 */
public record OpenSearchConnection(List<URI> hosts, String username, String password, Path caFile) {
  public OpenSearchConnection {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("at least one OpenSearch host is needed");
    }
    for (URI h : hosts) {
      String scheme = Objects.requireNonNullElse(h.getScheme(), "");
      if (!scheme.equals("http") && !scheme.equals("https") || h.getHost() == null) {
        throw new IllegalArgumentException(
            "OpenSearch host '" + h + "' is not an http:// or https:// URL with a host");
      }
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("OpenSearch username and password go together");
    }
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "OpenSearchConnection[hosts="
        + hosts
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", caFile="
        + caFile
        + "]";
  }
}
