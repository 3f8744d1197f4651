package outpost.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a data directory ({@code <dataDir>/outpost.lock}), held by a running Outpost
 * and by the migration command, so neither runs on a directory the other uses. The lock file holds
 * the owner's pid for the message; the OS releases the lock when the process dies, so a stale file
 * never blocks. Thread-safe; whoever acquired it closes it (safe twice).
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "outpost.lock";

  /** Directories locked by this JVM. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final FileChannel channel;
  private final FileLock lock;
  private final Path key;

  private DataDirLock(FileChannel channel, FileLock lock, Path key) {
    this.channel = channel;
    this.lock = lock;
    this.key = key;
  }

  /**
   * Takes the lock of {@code dataDir}, which must exist.
   *
   * @throws DataDirInUseException when another process (or this one) holds it
   * @throws UncheckedIOException when the lock file cannot be opened or written
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    Path key = key(dataDir);
    if (!HELD.add(key)) {
      // held in this JVM: opening and closing another channel on the file would release that
      // lock (POSIX record locks belong to the process), so ask the table instead
      throw inUse(dataDir, Long.toString(ProcessHandle.current().pid()));
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = owner(channel);
        channel.close();
        HELD.remove(key);
        throw inUse(dataDir, owner);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataDirLock(channel, lock, key);
    } catch (IOException e) {
      HELD.remove(key);
      closeQuietly(channel, e);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static DataDirInUseException inUse(Path dataDir, String owner) {
    return new DataDirInUseException(
        "data directory "
            + dataDir
            + " is in use by a running Outpost"
            + (owner.isEmpty() ? "" : " (pid " + owner + ")")
            + "; stop it first");
  }

  private static Path key(Path dataDir) {
    try {
      return dataDir.toRealPath();
    } catch (IOException e) {
      return dataDir.toAbsolutePath().normalize();
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM
    }
  }

  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    channel.read(buf, 0);
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
    return text.matches("\\d{1,19}") ? text : "";
  }

  private static void closeQuietly(FileChannel channel, IOException cause) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      try {
        lock.release();
      } finally {
        channel.close();
        HELD.remove(key);
      }
    }
  }

  /** The directory is locked by another Outpost or migration. */
  static final class DataDirInUseException extends IllegalStateException {
    DataDirInUseException(String message) {
      super(message);
    }
  }
}
