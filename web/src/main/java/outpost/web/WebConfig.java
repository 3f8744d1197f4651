package outpost.web;

import java.util.Objects;
import java.util.Optional;
import outpost.web.tls.TlsIdentity;

/**
 * Configuration of the HTTP server. Immutable.
 *
 * @param bindAddress address to listen on; {@code 0.0.0.0} for all IPv4 interfaces
 * @param port TCP port, 0..65535; 0 picks a free one ({@link WebServer#start()} returns it)
 * @param metricsRequireLogin when true {@code /metrics} needs the same login as {@code /api}
 * @param maxRequestBytes largest request body accepted (the API reads none yet)
 * @param maxRequestHeaderBytes largest request line plus headers accepted; longer get 431
 * @param tls when present the UI and API are served over HTTPS only, with this certificate
 */
public record WebConfig(
    String bindAddress,
    int port,
    boolean metricsRequireLogin,
    int maxRequestBytes,
    int maxRequestHeaderBytes,
    Optional<TlsIdentity> tls) {
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 16 * 1024;

  public WebConfig {
    bindAddress = Objects.requireNonNullElse(bindAddress, DEFAULT_BIND_ADDRESS);
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress is blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " outside 0..65535");
    }
    if (maxRequestBytes < 0) {
      throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " is negative");
    }
    if (maxRequestHeaderBytes < 1024) {
      throw new IllegalArgumentException(
          "maxRequestHeaderBytes " + maxRequestHeaderBytes + " is below 1024");
    }
    Objects.requireNonNull(tls, "tls");
  }

  /** Plain HTTP with the given limits. */
  public WebConfig(
      String bindAddress,
      int port,
      boolean metricsRequireLogin,
      int maxRequestBytes,
      int maxRequestHeaderBytes) {
    this(
        bindAddress,
        port,
        metricsRequireLogin,
        maxRequestBytes,
        maxRequestHeaderBytes,
        Optional.empty());
  }

  /** The given address, port and metrics setting with default request limits. */
  public WebConfig(String bindAddress, int port, boolean metricsRequireLogin) {
    this(
        bindAddress,
        port,
        metricsRequireLogin,
        DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_MAX_REQUEST_HEADER_BYTES);
  }

  /** Listens on all interfaces, port 8080, metrics without login. */
  public static WebConfig defaults() {
    return new WebConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, false);
  }
}
