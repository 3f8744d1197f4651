package outpost.ingest.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;

/**
 * Cuts a TCP byte stream into {@link SyslogFrame}s per RFC 6587, detecting the framing per frame: a
 * frame that starts with a non-zero digit is octet-counted ({@code MSG-LEN SP SYSLOG-MSG}, section
 * 3.4.1); any other frame is non-transparent (section 3.4.2), ended by LF, CRLF or NUL as real
 * senders do.
 *
 * <p>Hostile input never grows the buffer past the frame limit: an oversize frame keeps its first
 * {@code maxFrameBytes} bytes and the rest is skipped as it arrives; digits not followed by a space
 * within {@link #MAX_OCTET_COUNT_DIGITS} digits make the frame non-transparent. The stream always
 * stays usable for the next frame. Empty frames (blank lines) are skipped.
 *
 * <p>Not thread-safe, not sharable: one instance per connection, used on its event loop.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {
  /** Most digits an octet count may have: up to 999,999,999 bytes, which the limit then cuts. */
  public static final int MAX_OCTET_COUNT_DIGITS = 9;

  private static final ByteProcessor FIND_TERMINATOR = b -> b != '\n' && b != 0;

  private enum State {
    FRAME_START,
    NON_TRANSPARENT,
    OCTET_BODY,
    SKIP_NON_TRANSPARENT,
    SKIP_OCTETS
  }

  private final int maxFrameBytes;
  private State state = State.FRAME_START;
  // NON_TRANSPARENT: the frame started with digits that were no valid octet count
  private boolean invalidOctetCount;
  // NON_TRANSPARENT: leading bytes already searched for a terminator, so they are searched once
  private int scanned;
  // OCTET_BODY, SKIP_OCTETS: the declared MSG-LEN
  private int octetCount;
  // SKIP_OCTETS: bytes of the current frame still to discard
  private int remaining;
  // SKIP_*: the first maxFrameBytes bytes of an oversize frame
  private byte[] kept;
  // SKIP_NON_TRANSPARENT: bytes discarded so far, and whether the last one was CR
  private long skipped;
  private boolean lastSkippedCr;

  /**
   * @param maxFrameBytes the longest message kept; longer ones are truncated to it
   */
  public SyslogFrameDecoder(int maxFrameBytes) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " is below 1");
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    boolean progress = true;
    while (progress && in.isReadable()) {
      progress =
          switch (state) {
            case FRAME_START -> startFrame(in);
            case NON_TRANSPARENT -> readNonTransparent(in, out);
            case OCTET_BODY -> readOctetBody(in, out);
            case SKIP_NON_TRANSPARENT -> skipNonTransparent(in, out);
            case SKIP_OCTETS -> skipOctets(in, out);
          };
    }
  }

  /** The peer closed the stream: hand on the frame it left unfinished, so nothing is lost. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    switch (state) {
      case FRAME_START -> emitRemainder(in, out, in.isReadable());
      case NON_TRANSPARENT -> emitRemainder(in, out, invalidOctetCount);
      case OCTET_BODY -> {
        if (in.isReadable()) {
          byte[] bytes = new byte[in.readableBytes()];
          in.readBytes(bytes);
          out.add(new SyslogFrame(bytes, octetCount, false));
        }
      }
      case SKIP_NON_TRANSPARENT -> emitKept(out, maxFrameBytes + skipped);
      case SKIP_OCTETS -> emitKept(out, octetCount);
    }
    nextFrame();
  }

  /** Bytes held while waiting for the rest of a frame; never more than the limit plus one read. */
  int bufferedBytes() {
    return actualReadableBytes();
  }

  private boolean startFrame(ByteBuf in) {
    int start = in.readerIndex();
    byte first = in.getByte(start);
    if (first < '1' || first > '9') {
      return beginNonTransparent(false);
    }
    // RFC 6587 3.4.1: MSG-LEN = NONZERO-DIGIT *DIGIT, then SP
    int available = Math.min(in.readableBytes(), MAX_OCTET_COUNT_DIGITS + 1);
    int length = 0;
    for (int i = 0; i < available; i++) {
      byte b = in.getByte(start + i);
      if (b == ' ') {
        in.skipBytes(i + 1);
        octetCount = length;
        state = State.OCTET_BODY;
        return true;
      }
      if (b < '0' || b > '9' || i == MAX_OCTET_COUNT_DIGITS) {
        return beginNonTransparent(true);
      }
      length = length * 10 + (b - '0');
    }
    return false;
  }

  private boolean beginNonTransparent(boolean invalidCount) {
    state = State.NON_TRANSPARENT;
    invalidOctetCount = invalidCount;
    scanned = 0;
    return true;
  }

  private boolean readNonTransparent(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    // a kept frame of maxFrameBytes may still be followed by CR before its LF
    int window = (int) Math.min(readable, maxFrameBytes + 2L);
    int end = in.forEachByte(start + scanned, window - scanned, FIND_TERMINATOR);
    if (end >= 0) {
      int length = end - start;
      int content = length > 0 && in.getByte(end - 1) == '\r' ? length - 1 : length;
      if (content > 0) {
        byte[] bytes = copy(in, start, Math.min(content, maxFrameBytes));
        out.add(new SyslogFrame(bytes, content, invalidOctetCount));
      }
      in.skipBytes(length + 1);
      nextFrame();
      return true;
    }
    if (window < maxFrameBytes + 2L) {
      scanned = window;
      return false;
    }
    kept = copy(in, start, maxFrameBytes);
    lastSkippedCr = in.getByte(start + window - 1) == '\r';
    skipped = window - maxFrameBytes;
    in.skipBytes(window);
    state = State.SKIP_NON_TRANSPARENT;
    return true;
  }

  private boolean skipNonTransparent(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    int end = in.forEachByte(start, readable, FIND_TERMINATOR);
    if (end < 0) {
      lastSkippedCr = in.getByte(start + readable - 1) == '\r';
      skipped += readable;
      in.skipBytes(readable);
      return false;
    }
    int length = end - start;
    boolean cr = length > 0 ? in.getByte(end - 1) == '\r' : lastSkippedCr;
    skipped += cr ? length - 1 : length;
    in.skipBytes(length + 1);
    emitKept(out, maxFrameBytes + skipped);
    nextFrame();
    return true;
  }

  private boolean readOctetBody(ByteBuf in, List<Object> out) {
    int readable = in.readableBytes();
    if (octetCount <= maxFrameBytes) {
      if (readable < octetCount) {
        return false;
      }
      int start = in.readerIndex();
      // some senders end an octet-counted message with LF as well; it is framing, not content
      int content = octetCount;
      if (in.getByte(start + content - 1) == '\n') {
        content--;
        if (content > 0 && in.getByte(start + content - 1) == '\r') {
          content--;
        }
      }
      if (content > 0) {
        out.add(new SyslogFrame(copy(in, start, content), content, false));
      }
      in.skipBytes(octetCount);
      nextFrame();
      return true;
    }
    if (readable < maxFrameBytes) {
      return false;
    }
    kept = copy(in, in.readerIndex(), maxFrameBytes);
    in.skipBytes(maxFrameBytes);
    remaining = octetCount - maxFrameBytes;
    state = State.SKIP_OCTETS;
    return true;
  }

  private boolean skipOctets(ByteBuf in, List<Object> out) {
    int n = Math.min(in.readableBytes(), remaining);
    in.skipBytes(n);
    remaining -= n;
    if (remaining > 0) {
      return false;
    }
    emitKept(out, octetCount);
    nextFrame();
    return true;
  }

  private void emitRemainder(ByteBuf in, List<Object> out, boolean invalidCount) {
    int start = in.readerIndex();
    int length = in.readableBytes();
    int content = length > 0 && in.getByte(start + length - 1) == '\r' ? length - 1 : length;
    if (content > 0) {
      out.add(
          new SyslogFrame(
              copy(in, start, Math.min(content, maxFrameBytes)), content, invalidCount));
    }
    in.skipBytes(length);
  }

  private void emitKept(List<Object> out, long originalLength) {
    out.add(
        new SyslogFrame(
            kept, (int) Math.min(originalLength, Integer.MAX_VALUE), invalidOctetCount));
  }

  private void nextFrame() {
    state = State.FRAME_START;
    invalidOctetCount = false;
    scanned = 0;
    kept = null;
    skipped = 0;
    lastSkippedCr = false;
  }

  private static byte[] copy(ByteBuf in, int index, int length) {
    byte[] bytes = new byte[length];
    in.getBytes(index, bytes);
    return bytes;
  }
}
