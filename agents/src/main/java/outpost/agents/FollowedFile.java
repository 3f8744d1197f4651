package outpost.agents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One followed file, by inode: an open channel read from {@link #readOffset}, the lines cut from
 * it, and {@link #committed}, the offset up to which lines were sent or spooled (what the state
 * file saves). A file whose size shrank, or whose first bytes changed, was truncated in place
 * (copytruncate) and is read again from 0. Read by the tail thread; {@link #committed} is also set
 * by the sender thread.
 */
final class FollowedFile implements AutoCloseable {
  /** Bytes at the start of a file that identify it (with the inode). */
  static final int FINGERPRINT_BYTES = 256;

  private static final int CHUNK = 64 * 1024;

  final long inode;
  volatile Path path;
  private final FileChannel channel;
  private final int maxLine;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
  private LineSplitter splitter;
  private long readOffset;
  private int fpLength;
  private long fpCrc;
  private final AtomicLong committed = new AtomicLong();
  private volatile int generation;

  /** True once the path names another file (or none): read to the end, then let go. */
  boolean rotated;

  long lastGrowthNanos = System.nanoTime();

  private FollowedFile(long inode, Path path, FileChannel channel, int maxLine) {
    this.inode = inode;
    this.path = path;
    this.channel = channel;
    this.maxLine = maxLine;
  }

  /** Opens {@code path} (inode {@code inode}) to be read from {@code offset}. */
  static FollowedFile open(long inode, Path path, long offset, int maxLine) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    FollowedFile f = new FollowedFile(inode, path, ch, maxLine);
    try {
      f.restartAt(offset);
      f.fingerprint();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return f;
  }

  /** CRC-32C of the first {@code length} bytes of the open file, or -1 if it has fewer. */
  long crcOfFirst(int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (channel.read(buf, buf.position()) < 0) {
        return -1;
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, length);
    return crc.getValue();
  }

  private void fingerprint() throws IOException {
    int length = (int) Math.min(FINGERPRINT_BYTES, channel.size());
    fpLength = length;
    fpCrc = crcOfFirst(length);
  }

  private void restartAt(long offset) {
    generation++;
    readOffset = offset;
    committed.set(offset);
    int gen = generation;
    splitter = new LineSplitter(maxLine, offset, (l, n, t, end) -> sink.line(l, n, t, end, gen));
  }

  /** Receives lines with the generation they belong to (a truncation starts a new one). */
  interface Sink {
    void line(byte[] line, int length, boolean truncated, long endOffset, int generation);
  }

  private Sink sink = (l, n, t, end, gen) -> {};

  /**
   * Reads what was appended since the last call and hands each complete line to {@code to}.
   *
   * @return whether anything was read
   */
  boolean readNew(Sink to) throws IOException {
    this.sink = to;
    long size = channel.size();
    if (size < readOffset || (fpLength > 0 && crcOfFirst(fpLength) != fpCrc)) {
      System.err.printf(
          "outpost-tail: %s was truncated (size %d, position %d); reading it from the start%n",
          path, size, readOffset);
      restartAt(0);
      fingerprint();
    }
    if (fpLength < FINGERPRINT_BYTES && size > fpLength) {
      fingerprint();
    }
    boolean any = false;
    while (readOffset < size) {
      chunk.clear();
      int n = channel.read(chunk, readOffset);
      if (n <= 0) {
        break;
      }
      splitter.feed(chunk.array(), 0, n);
      readOffset += n;
      any = true;
    }
    if (any) {
      lastGrowthNanos = System.nanoTime();
    }
    return any;
  }

  /** At the end of a rotated file: its last line, even without a newline. */
  void finish(Sink to) {
    this.sink = to;
    splitter.finish();
  }

  boolean atEnd() throws IOException {
    return readOffset >= channel.size();
  }

  /** Called when lines up to {@code endOffset} of {@code generation} were sent or spooled. */
  void committed(long endOffset, int gen) {
    if (gen == generation) {
      committed.accumulateAndGet(endOffset, Math::max);
    }
  }

  TailState.Entry entry() {
    return new TailState.Entry(inode, committed.get(), fpLength, fpCrc, path.toString());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
