package outpost.ingest;

/**
 * The ports {@link SyslogIngest} bound.
 *
 * @param udpPort the UDP port, or {@link IngestConfig#DISABLED}
 * @param tcpPort the TCP port, or {@link IngestConfig#DISABLED}
 * @param tlsPort the TLS port, or {@link IngestConfig#DISABLED}
 * @param relpPort the RELP port, or {@link IngestConfig#DISABLED}
 * @param relpTlsPort the RELP over TLS port, or {@link IngestConfig#DISABLED}
 */
public record IngestPorts(int udpPort, int tcpPort, int tlsPort, int relpPort, int relpTlsPort) {
  /** UDP and TCP ports, TLS and RELP off. */
  public IngestPorts(int udpPort, int tcpPort) {
    this(udpPort, tcpPort, IngestConfig.DISABLED, IngestConfig.DISABLED, IngestConfig.DISABLED);
  }

  /** UDP, TCP and TLS ports, RELP off. */
  public IngestPorts(int udpPort, int tcpPort, int tlsPort) {
    this(udpPort, tcpPort, tlsPort, IngestConfig.DISABLED, IngestConfig.DISABLED);
  }

  /** UDP, TCP, TLS and RELP ports, RELP over TLS off. */
  public IngestPorts(int udpPort, int tcpPort, int tlsPort, int relpPort) {
    this(udpPort, tcpPort, tlsPort, relpPort, IngestConfig.DISABLED);
  }
}
