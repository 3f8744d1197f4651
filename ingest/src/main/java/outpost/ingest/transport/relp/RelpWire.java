package outpost.ingest.transport.relp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * What Outpost writes on a RELP connection, and how it reads the client's offers (RELP spec,
 * "Command: open" and "Command: rsp"). Stateless and thread-safe.
 */
final class RelpWire {
  /** The RELP protocol version Outpost speaks. */
  static final int PROTOCOL_VERSION = 0;

  /** The status of an acknowledged frame. */
  static final String OK = "200 OK";

  /** The answer to {@code open}: status line, then our offers, one per line. */
  static final String OPEN_RESPONSE =
      OK + "\nrelp_version=" + PROTOCOL_VERSION + "\nrelp_software=outpost\ncommands=syslog";

  private static final byte[] RSP = " rsp ".getBytes(StandardCharsets.US_ASCII);

  private RelpWire() {}

  /** {@code TXNR rsp DATALEN [SP text] LF}; text is ASCII or UTF-8, empty for no data part. */
  static ByteBuf response(ByteBufAllocator alloc, int txnr, String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf out = alloc.buffer(24 + data.length);
    out.writeCharSequence(Integer.toString(txnr), StandardCharsets.US_ASCII);
    out.writeBytes(RSP);
    out.writeCharSequence(Integer.toString(data.length), StandardCharsets.US_ASCII);
    if (data.length > 0) {
      out.writeByte(' ');
      out.writeBytes(data);
    }
    out.writeByte('\n');
    return out;
  }

  /**
   * True when the client's {@code open} offers list {@code syslog} among its commands: lines of
   * {@code name=value[,value]}, LF-separated.
   */
  static boolean offersSyslog(byte[] offers) {
    for (String line : new String(offers, StandardCharsets.UTF_8).split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).strip().equals("commands")) {
        for (String command : line.substring(eq + 1).split(",", -1)) {
          if (command.strip().equals("syslog")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The transaction number after {@code txnr}: 999,999,999 wraps to 1 (RELP spec). */
  static int next(int txnr) {
    return txnr >= RelpFrameDecoder.MAX_TXNR ? 1 : txnr + 1;
  }
}
