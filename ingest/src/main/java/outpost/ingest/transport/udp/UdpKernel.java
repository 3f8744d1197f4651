package outpost.ingest.transport.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Linux kernel reports about UDP: the machine-wide counters of {@code /proc/net/snmp}
 * (every UDP socket on the host, not only Outpost's) and the receive buffer cap {@code
 * net.core.rmem_max}. Files that do not exist (not Linux) read as unknown.
 *
 * <p>Thread-safe: reads the files on every call and keeps no state. Nothing to close.
 */
public final class UdpKernel {
  /** RFC 1213 counter: datagrams dropped because a socket receive buffer was full. */
  public static final String RCVBUF_ERRORS = "RcvbufErrors";

  /** RFC 1213 counter: datagrams that could not be delivered, including {@link #RCVBUF_ERRORS}. */
  public static final String IN_ERRORS = "InErrors";

  private static final Logger LOG = LoggerFactory.getLogger(UdpKernel.class);

  private final Path snmp;
  private final Path rmemMax;

  /** The real kernel files. */
  public UdpKernel() {
    this(Path.of("/proc/net/snmp"), Path.of("/proc/sys/net/core/rmem_max"));
  }

  /** Other files with the same formats, for tests. */
  public UdpKernel(Path snmp, Path rmemMax) {
    this.snmp = snmp;
    this.rmemMax = rmemMax;
  }

  /**
   * Reads one {@code Udp:} counter of {@code /proc/net/snmp}.
   *
   * @return the value, or NaN when the file or the counter is missing (a gauge's "unknown")
   */
  public double udpCounter(String name) {
    if (!Files.isReadable(snmp)) {
      return Double.NaN;
    }
    try {
      Long value = parseUdpCounters(Files.readAllLines(snmp, StandardCharsets.US_ASCII)).get(name);
      return value == null ? Double.NaN : value;
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot read UDP counter {} from {}", name, snmp, e);
      return Double.NaN;
    }
  }

  /** The kernel's cap on a socket's SO_RCVBUF, empty when unknown. */
  public OptionalLong receiveBufferMax() {
    if (!Files.isReadable(rmemMax)) {
      return OptionalLong.empty();
    }
    try {
      // readAllLines, not readString: procfs reports size 0 and some kernels then yield 1 byte
      List<String> lines = Files.readAllLines(rmemMax, StandardCharsets.US_ASCII);
      return OptionalLong.of(Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip()));
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Cannot read the UDP receive buffer cap from {}", rmemMax, e);
      return OptionalLong.empty();
    }
  }

  /**
   * Parses the {@code Udp:} header and value lines of {@code /proc/net/snmp} into name -> value.
   *
   * @throws NumberFormatException when a value is not a number
   */
  static Map<String, Long> parseUdpCounters(List<String> lines) {
    Map<String, Long> counters = new HashMap<>();
    String[] names = null;
    for (String line : lines) {
      if (!line.startsWith("Udp: ")) {
        continue;
      }
      String[] parts = line.substring(5).trim().split("\\s+");
      if (names == null) {
        names = parts;
      } else {
        for (int i = 0; i < Math.min(names.length, parts.length); i++) {
          counters.put(names[i], Long.parseLong(parts[i]));
        }
        break;
      }
    }
    return counters;
  }
}
