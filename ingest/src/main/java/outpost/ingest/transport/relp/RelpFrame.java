package outpost.ingest.transport.relp;

import java.util.Objects;

/**
 * One RELP frame as received: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. Immutable by
 * convention: the data array is handed over, not copied.
 *
 * @param txnr the transaction number, 0..{@link RelpFrameDecoder#MAX_TXNR}
 * @param command the command, 1..{@link RelpFrameDecoder#MAX_COMMAND_CHARS} ASCII letters
 * @param data the data, at most the frame limit
 * @param dataLength DATALEN as sent; larger than {@code data.length} when the data was cut
 */
public record RelpFrame(int txnr, String command, byte[] data, int dataLength) {
  public RelpFrame {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(data, "data");
    if (dataLength < data.length) {
      throw new IllegalArgumentException(
          "data length " + dataLength + " is below the kept " + data.length + " bytes");
    }
  }

  /** True when the data was cut to the frame limit. */
  public boolean truncated() {
    return dataLength > data.length;
  }
}
