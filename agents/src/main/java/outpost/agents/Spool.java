package outpost.agents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bounded, ordered, on-disk queue of messages: segment files {@code <id>.seg} (ids ascending =
 * oldest first) of records {@code [u32 length][u32 CRC-32C][payload]}. New records are appended to
 * the newest segment; {@link #peek} and {@link #commit} read and consume from the oldest, and a
 * consumed segment is deleted. When appending would exceed {@code maxBytes}, the oldest segment is
 * deleted and its unread records are counted as dropped. {@link #prepend} writes a segment before
 * all others (for messages older than everything spooled).
 *
 * <p>Durability: records are written to the file on append (so they survive a crash of the agent);
 * the newest segment is fsynced at most once per {@link #FSYNC_INTERVAL_NANOS}, when a segment is
 * finished, and on close, so a power cut loses at most the last second. The read position inside
 * the oldest segment is saved in {@code cursor} on close; after a crash the unfinished oldest
 * segment is sent again from its start (duplicates, never loss). A torn or corrupt record cuts off
 * the rest of its segment, counted in {@link #corruptRecords()}.
 *
 * <p>Thread-safe (every method synchronized). The caller closes it; it holds a lock on the
 * directory so two agents cannot share one.
 */
public final class Spool implements AutoCloseable {
  /** Largest record accepted: a message of the longest allowed line plus its header. */
  public static final int MAX_RECORD_BYTES = 600 * 1024;

  /** Smallest spool bound: two of the largest records must fit. */
  public static final long MIN_MAX_BYTES = 2L * 1024 * 1024;

  static final long LOCK_WAIT_MILLIS = 10_000;
  static final long FSYNC_INTERVAL_NANOS = 1_000_000_000L;
  private static final long FIRST_ID = 1L << 40; // room below for prepended segments
  private static final String SUFFIX = ".seg";

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final List<Integer> peekedSizes = new ArrayList<>();
  private long peekedId = -1;
  private FileChannel writer;
  private long writerId = -1;
  private FileChannel reader;
  private long readerId = -1;
  private long totalBytes;
  private long unread;
  private long dropped;
  private long unreportedDropped;
  private long corrupt;
  private long lastForceNanos = System.nanoTime();
  private boolean dirty;
  private boolean closed;

  private static final class Segment {
    final long id;
    final Path path;
    long bytes;
    long records;
    long readOffset;
    long readRecords;

    Segment(long id, Path path) {
      this.id = id;
      this.path = path;
    }

    long unread() {
      return records - readRecords;
    }
  }

  private Spool(Path dir, long maxBytes, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.clamp(maxBytes / 8, 64 * 1024, 16 * 1024 * 1024);
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating) the spool in {@code dir}, checking every segment and resuming at the saved
   * read position.
   *
   * @throws IOException when the directory cannot be created or read, or another agent uses it
   */
  public static Spool open(Path dir, long maxBytes) throws IOException {
    return open(dir, maxBytes, LOCK_WAIT_MILLIS);
  }

  static Spool open(Path dir, long maxBytes, long lockWaitMillis) throws IOException {
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException(
          "spool size " + maxBytes + " bytes is below the minimum " + MIN_MAX_BYTES);
    }
    if (!Files.isDirectory(dir)) {
      // lines may hold personal data: only the agent's user reads its spool
      Files.createDirectories(dir.toAbsolutePath().getParent());
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    FileChannel lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = awaitLock(lockChannel, lockWaitMillis);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException(
          "spool directory "
              + dir
              + " is in use by another outpost agent (waited "
              + LOCK_WAIT_MILLIS
              + " ms)");
    }
    Spool spool = new Spool(dir, maxBytes, lockChannel, lock);
    try {
      spool.load();
    } catch (IOException | RuntimeException e) {
      spool.close();
      throw e;
    }
    return spool;
  }

  /**
   * Waits up to {@link #LOCK_WAIT_MILLIS} for the directory lock: Apache starts a new piped logger
   * on a graceful restart while the old one is still flushing on its way out.
   */
  private static FileLock awaitLock(FileChannel channel, long waitMillis) throws IOException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this process
      }
      if (lock != null || System.nanoTime() > deadline) {
        return lock;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the spool lock", e);
      }
    }
  }

  private void load() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      long id;
      try {
        id = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
      } catch (NumberFormatException e) {
        continue; // not ours
      }
      Segment s = new Segment(id, file);
      scan(s);
      if (s.records == 0) {
        Files.delete(file);
      } else {
        segments.addLast(s);
        totalBytes += s.bytes;
        unread += s.records;
      }
    }
    applyCursor();
  }

  /** Counts the valid records of a segment and cuts off a torn or corrupt tail. */
  private void scan(Segment s) throws IOException {
    try (FileChannel ch =
        FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long offset = 0;
      ByteBuffer header = ByteBuffer.allocate(SpoolRecords.HEADER_BYTES);
      while (offset < size) {
        byte[] payload = SpoolRecords.read(ch, offset, size, header);
        if (payload == null) {
          corrupt++;
          System.err.printf(
              "outpost-agent: spool segment %s: record at byte %d is torn or corrupt; cutting the"
                  + " segment there (%d bytes)%n",
              s.path, offset, size - offset);
          ch.truncate(offset);
          ch.force(true);
          break;
        }
        offset += SpoolRecords.HEADER_BYTES + payload.length;
        s.records++;
      }
      s.bytes = offset;
    }
  }

  private void applyCursor() throws IOException {
    Path file = dir.resolve("cursor");
    if (!Files.exists(file) || segments.isEmpty()) {
      return;
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
    Segment head = segments.getFirst();
    try {
      if (parts.length == 3 && Long.parseLong(parts[0]) == head.id) {
        long offset = Long.parseLong(parts[1]);
        long records = Long.parseLong(parts[2]);
        if (offset >= 0 && offset <= head.bytes && records >= 0 && records <= head.records) {
          head.readOffset = offset;
          head.readRecords = records;
          unread -= records;
        }
      }
    } catch (NumberFormatException e) {
      System.err.println("outpost-agent: ignoring unreadable spool cursor " + file + ": " + e);
    }
    dropConsumedHead();
  }

  /** Appends one record, first dropping the oldest segments while the spool would be too big. */
  public synchronized void append(byte[] record) throws IOException {
    checkOpen();
    checkSize(record);
    long size = SpoolRecords.HEADER_BYTES + record.length;
    while (totalBytes + size > maxBytes && !segments.isEmpty()) {
      dropOldest();
    }
    Segment tail = segments.peekLast();
    if (writer == null || tail == null || (tail.bytes > 0 && tail.bytes + size > segmentBytes)) {
      tail = roll(tail == null ? FIRST_ID : tail.id + 1);
    }
    SpoolRecords.writeFully(writer, SpoolRecords.encode(record), tail.bytes);
    tail.bytes += size;
    tail.records++;
    totalBytes += size;
    unread++;
    dirty = true;
    if (System.nanoTime() - lastForceNanos >= FSYNC_INTERVAL_NANOS) {
      force();
    }
  }

  /** Writes {@code records} as a new segment before every other one, fsynced. */
  public synchronized void prepend(List<byte[]> records) throws IOException {
    checkOpen();
    if (records.isEmpty()) {
      return;
    }
    long size = 0;
    for (byte[] r : records) {
      checkSize(r);
      size += SpoolRecords.HEADER_BYTES + r.length;
    }
    Segment head = segments.peekFirst();
    long id = head == null ? FIRST_ID - 1 : head.id - 1;
    Segment seg = new Segment(id, dir.resolve(String.format("%020d%s", id, SUFFIX)));
    try (FileChannel ch =
        FileChannel.open(seg.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long position = 0;
      for (byte[] r : records) {
        SpoolRecords.writeFully(ch, SpoolRecords.encode(r), position);
        position += SpoolRecords.HEADER_BYTES + r.length;
      }
      ch.force(true);
    }
    syncDirectory();
    seg.bytes = size;
    seg.records = records.size();
    segments.addFirst(seg);
    totalBytes += size;
    unread += seg.records;
    while (totalBytes > maxBytes && segments.size() > 1) {
      dropOldest();
    }
  }

  private static void checkSize(byte[] record) {
    if (record.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "spool record of " + record.length + " bytes exceeds limit " + MAX_RECORD_BYTES);
    }
  }

  private Segment roll(long id) throws IOException {
    closeWriter();
    Segment s = new Segment(id, dir.resolve(String.format("%020d%s", id, SUFFIX)));
    writer = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writerId = id;
    syncDirectory(); // the new file's name survives a power cut, not only its bytes
    segments.addLast(s);
    return s;
  }

  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private void closeWriter() throws IOException {
    if (writer != null) {
      if (dirty) {
        writer.force(false);
        dirty = false;
      }
      writer.close();
      writer = null;
      writerId = -1;
    }
  }

  private void force() throws IOException {
    if (writer != null && dirty) {
      writer.force(false);
    }
    dirty = false;
    lastForceNanos = System.nanoTime();
  }

  /** Fsyncs the newest segment if it was written since the last fsync. */
  public synchronized void sync() throws IOException {
    if (!closed) {
      force();
    }
  }

  private void dropOldest() throws IOException {
    Segment s = segments.removeFirst();
    long lost = s.unread();
    dropped += lost;
    unreportedDropped += lost;
    unread -= lost;
    totalBytes -= s.bytes;
    delete(s);
  }

  private void delete(Segment s) throws IOException {
    if (writerId == s.id) {
      closeWriter();
    }
    if (peekedId == s.id) {
      peekedId = -1; // dropped while being sent: a later commit of that peek does nothing
      peekedSizes.clear();
    }
    if (readerId == s.id) {
      reader.close();
      reader = null;
      readerId = -1;
    }
    Files.deleteIfExists(s.path);
  }

  /**
   * Up to {@code max} unread records, oldest first, without consuming them; call {@link #commit}
   * with how many were delivered. Empty when nothing is unread.
   */
  public synchronized List<byte[]> peek(int max) throws IOException {
    checkOpen();
    peekedSizes.clear();
    peekedId = -1;
    dropConsumedHead();
    Segment head = segments.peekFirst();
    List<byte[]> out = new ArrayList<>();
    if (head == null) {
      return out;
    }
    peekedId = head.id;
    if (readerId != head.id) {
      if (reader != null) {
        reader.close();
      }
      reader = FileChannel.open(head.path, StandardOpenOption.READ);
      readerId = head.id;
    }
    ByteBuffer header = ByteBuffer.allocate(SpoolRecords.HEADER_BYTES);
    long offset = head.readOffset;
    for (long i = head.readRecords; i < head.records && out.size() < max; i++) {
      byte[] r = SpoolRecords.read(reader, offset, head.bytes, header);
      if (r == null) { // changed on disk since it was scanned
        corrupt++;
        long lost = head.unread() - out.size();
        dropped += lost;
        unreportedDropped += lost;
        unread -= lost;
        head.records = head.readRecords + out.size();
        System.err.printf(
            "outpost-agent: spool segment %s: record at byte %d is corrupt; %d records lost%n",
            head.path, offset, lost);
        break;
      }
      out.add(r);
      peekedSizes.add(SpoolRecords.HEADER_BYTES + r.length);
      offset += SpoolRecords.HEADER_BYTES + r.length;
    }
    return out;
  }

  /** Consumes the first {@code n} records of the last {@link #peek}. */
  public synchronized void commit(int n) throws IOException {
    checkOpen();
    if (peekedId == -1 || segments.isEmpty() || segments.getFirst().id != peekedId) {
      return; // its segment was dropped (spool full) or a segment was prepended meanwhile
    }
    if (n > peekedSizes.size()) {
      throw new IllegalArgumentException(
          "commit of " + n + " records exceeds the " + peekedSizes.size() + " peeked");
    }
    Segment head = segments.getFirst();
    for (int i = 0; i < n; i++) {
      head.readOffset += peekedSizes.get(i);
    }
    head.readRecords += n;
    unread -= n;
    peekedSizes.subList(0, n).clear();
    dropConsumedHead();
  }

  private void dropConsumedHead() throws IOException {
    while (!segments.isEmpty() && segments.getFirst().unread() == 0) {
      Segment s = segments.removeFirst();
      totalBytes -= s.bytes;
      delete(s);
    }
  }

  /** True when no unread record is left. */
  public synchronized boolean isEmpty() {
    return unread == 0;
  }

  /** Unread records. */
  public synchronized long size() {
    return unread;
  }

  /** Bytes of all segment files. */
  public synchronized long bytes() {
    return totalBytes;
  }

  /** Records dropped because the spool was full (or lost to corruption) since it was opened. */
  public synchronized long droppedRecords() {
    return dropped;
  }

  /** Dropped records not yet reported, resetting the count. */
  public synchronized long takeUnreportedDrops() {
    long n = unreportedDropped;
    unreportedDropped = 0;
    return n;
  }

  /** Corrupt or torn records found (each cuts off the rest of its segment). */
  public synchronized long corruptRecords() {
    return corrupt;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("spool " + dir + " is closed");
    }
  }

  /** Fsyncs, saves the read position and releases the directory. Safe twice. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeWriter();
      if (reader != null) {
        reader.close();
      }
      saveCursor();
    } finally {
      try {
        if (lock != null) {
          lock.release();
        }
      } finally {
        lockChannel.close();
      }
    }
  }

  private void saveCursor() throws IOException {
    Path file = dir.resolve("cursor");
    Segment head = segments.peekFirst();
    if (head == null || head.readRecords == 0) {
      Files.deleteIfExists(file);
      return;
    }
    Path tmp = dir.resolve("cursor.tmp");
    String text = head.id + " " + head.readOffset + " " + head.readRecords + "\n";
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
