package outpost.ingest.transport.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a
 * network of one. An IPv4 network also matches IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}),
 * which a dual-stack socket reports for IPv4 peers. Immutable and thread-safe.
 *
 * @param network the network address with the host bits cleared
 * @param prefix the prefix length, 0..32 (IPv4) or 0..128 (IPv6)
 */
public record Cidr(InetAddress network, int prefix) {
  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix /" + prefix + " outside 0.." + bits);
    }
    network = masked(network, prefix);
  }

  /**
   * Parses {@code address[/prefix]}; only literal addresses, never a host name (no DNS lookup).
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR network");
    }
    InetAddress parsed;
    try {
      // a literal is parsed without any lookup
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR network");
    }
    int bits = parsed.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "': prefix is not a number");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(
            "'" + text + "': prefix /" + prefix + " outside 0.." + bits);
      }
    }
    return new Cidr(parsed, prefix);
  }

  /** Whether {@code address} lies in this network. */
  public boolean contains(InetAddress address) {
    byte[] a = unmapped(address.getAddress());
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    return java.util.Arrays.equals(masked(a, prefix), n);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }

  private static InetAddress masked(InetAddress address, int prefix) {
    try {
      return InetAddress.getByAddress(masked(address.getAddress(), prefix));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + address.getAddress().length + " bytes", e);
    }
  }

  private static byte[] masked(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
    }
    return out;
  }

  /** {@code ::ffff:a.b.c.d} as its four IPv4 bytes; anything else unchanged. */
  private static byte[] unmapped(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return bytes;
      }
    }
    if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
      return bytes;
    }
    return java.util.Arrays.copyOfRange(bytes, 12, 16);
  }
}
