package outpost.ingest.transport.relp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a RELP byte stream into {@link RelpFrame}s: {@code TXNR SP COMMAND SP DATALEN [SP DATA]
 * TRAILER}, the trailer being one LF (RELP spec, "Frame"; as librelp reads it: at most 9 digits of
 * TXNR and DATALEN, 1..32 letters of COMMAND, no data part and no SP when DATALEN is 0).
 *
 * <p>Limits are checked while bytes arrive: a frame never holds more than {@code maxDataBytes} of
 * data in memory. Longer data is cut to the limit (the rest is read and discarded, the frame says
 * so), because refusing it would make the sender retry the same message forever. Any other
 * violation throws {@link RelpFrameException} once; the decoder then discards all further input,
 * since the next frame boundary is unknown, and the session handler closes the connection.
 *
 * <p>Not thread-safe, not sharable: one instance per connection, used on its event loop.
 */
public final class RelpFrameDecoder extends ByteToMessageDecoder {
  /** Largest transaction number; the next one after it is 1 (RELP spec, "Transaction Number"). */
  public static final int MAX_TXNR = 999_999_999;

  /** Most digits of TXNR and of DATALEN. */
  public static final int MAX_DIGITS = 9;

  /** Most letters of COMMAND. */
  public static final int MAX_COMMAND_CHARS = 32;

  private enum State {
    TXNR,
    COMMAND,
    DATALEN,
    DATA,
    TRAILER,
    FAILED
  }

  private final int maxDataBytes;
  private State state = State.TXNR;
  private int digits;
  private int txnr;
  private final StringBuilder command = new StringBuilder(8);
  private int dataLength;
  private byte[] data;
  private int kept;
  private int consumed;

  /**
   * @param maxDataBytes the most data bytes kept per frame, at least 1
   */
  public RelpFrameDecoder(int maxDataBytes) {
    if (maxDataBytes < 1) {
      throw new IllegalArgumentException("RELP data limit " + maxDataBytes + " is below 1");
    }
    this.maxDataBytes = maxDataBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      switch (state) {
        case TXNR -> txnr(in.readByte());
        case COMMAND -> command(in.readByte());
        case DATALEN -> dataLength(in.readByte(), out);
        case DATA -> data(in);
        case TRAILER -> trailer(in.readByte(), out);
        case FAILED -> in.skipBytes(in.readableBytes());
      }
    }
  }

  private void txnr(byte b) {
    if (isDigit(b)) {
      txnr = addDigit(txnr, b, "transaction number");
    } else if (b == ' ' && digits > 0) {
      state = State.COMMAND;
      digits = 0;
    } else {
      throw fail("transaction number: expected a digit" + (digits > 0 ? " or SP" : ""), b);
    }
  }

  private void command(byte b) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
      if (command.length() == MAX_COMMAND_CHARS) {
        throw fail("command longer than " + MAX_COMMAND_CHARS + " letters");
      }
      command.append((char) b);
    } else if (b == ' ' && !command.isEmpty()) {
      state = State.DATALEN;
    } else {
      throw fail("command: expected a letter" + (command.isEmpty() ? "" : " or SP"), b);
    }
  }

  private void dataLength(byte b, List<Object> out) {
    if (isDigit(b)) {
      dataLength = addDigit(dataLength, b, "data length");
    } else if (digits == 0) {
      throw fail("data length: expected a digit", b);
    } else if (dataLength == 0) {
      // no data part and no SP: the byte after "0" is already the trailer
      trailer(b, out);
    } else if (b == ' ') {
      data = new byte[Math.min(dataLength, maxDataBytes)];
      kept = 0;
      consumed = 0;
      state = State.DATA;
    } else {
      throw fail("data length: expected a digit or SP", b);
    }
  }

  private void data(ByteBuf in) {
    int n = Math.min(in.readableBytes(), dataLength - consumed);
    int keep = Math.min(n, data.length - kept);
    if (keep > 0) {
      in.readBytes(data, kept, keep);
      kept += keep;
    }
    in.skipBytes(n - keep);
    consumed += n;
    if (consumed == dataLength) {
      state = State.TRAILER;
    }
  }

  private void trailer(byte b, List<Object> out) {
    if (b != '\n') {
      throw fail("expected the LF trailer after " + dataLength + " data bytes", b);
    }
    out.add(new RelpFrame(txnr, command.toString(), data == null ? new byte[0] : data, dataLength));
    state = State.TXNR;
    digits = 0;
    txnr = 0;
    command.setLength(0);
    dataLength = 0;
    data = null;
  }

  private int addDigit(int value, byte b, String what) {
    if (digits == MAX_DIGITS) {
      throw fail(what + " longer than " + MAX_DIGITS + " digits");
    }
    digits++;
    return value * 10 + (b - '0');
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private RelpFrameException fail(String reason, byte b) {
    String shown =
        b >= 0x21 && b < 0x7f
            ? "'" + new String(new byte[] {b}, StandardCharsets.US_ASCII) + "'"
            : String.format("0x%02x", b & 0xff);
    return fail(reason + ", got " + shown);
  }

  private RelpFrameException fail(String reason) {
    int known = state == State.TXNR ? 0 : txnr;
    state = State.FAILED;
    return new RelpFrameException(known, reason);
  }
}
