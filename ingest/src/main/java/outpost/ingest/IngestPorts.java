package outpost.ingest;

/**
 * The ports {@link SyslogIngest} bound.
 *
 * @param udpPort the UDP port, or {@link IngestConfig#DISABLED}
 * @param tcpPort the TCP port, or {@link IngestConfig#DISABLED}
 * @param relpPort the RELP port, or {@link IngestConfig#DISABLED}
 */
public record IngestPorts(int udpPort, int tcpPort, int relpPort) {
  /** Ports without RELP. */
  public IngestPorts(int udpPort, int tcpPort) {
    this(udpPort, tcpPort, IngestConfig.DISABLED);
  }
}
