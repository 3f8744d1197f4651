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

/**
 * An exclusive lock on a data directory ({@code <dataDir>/outpost.lock}), held by a running Outpost
 * and by the migration command, so neither runs on a directory the other uses. The lock file holds
 * the owner's pid for the message; the OS releases the lock when the process dies, so a stale file
 * never blocks. Thread-safe; whoever acquired it closes it (safe twice).
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "outpost.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir}, which must exist.
   *
   * @throws DataDirInUseException when another process (or this one) holds it
   * @throws UncheckedIOException when the lock file cannot be opened or written
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = owner(channel);
        channel.close();
        throw new DataDirInUseException(
            "data directory "
                + dataDir
                + " is in use by a running Outpost"
                + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                + "; stop it first");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
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
  public void close() throws IOException {
    if (channel.isOpen()) {
      try {
        lock.release();
      } finally {
        channel.close();
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
