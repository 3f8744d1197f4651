package outpost.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import outpost.index.backup.BackupSink;

/**
 * Writes a backup into one directory: every file is fsynced and hashed as it is written, and a file
 * whose name, size and fingerprint match the previous backup is hard-linked to it instead of
 * copied. Counts the bytes copied and linked; {@link #entries()} feeds the manifest.
 *
 * <p>Not thread-safe: one backup writes from one thread. Holds no open files between calls.
 */
public final class BackupDirectory implements BackupSink {
  private final Path root;
  private final Path previousRoot;
  private final Map<String, BackupManifest.Entry> previous;
  private final Consumer<String> progress;
  private final List<BackupManifest.Entry> entries = new ArrayList<>();
  private long copiedBytes;
  private long linkedBytes;

  /**
   * @param root the new backup's directory, existing and empty
   * @param previous the previous backup's manifest, or null for a full copy
   * @param previousRoot its directory, or null
   */
  public BackupDirectory(
      Path root, BackupManifest previous, Path previousRoot, Consumer<String> progress) {
    this.root = root.toAbsolutePath().normalize();
    this.previous = previous == null ? Map.of() : previous.byName();
    this.previousRoot = previousRoot;
    this.progress = progress;
  }

  @Override
  public void copy(Path source, String name, String fingerprint) throws IOException {
    long size = Files.size(source);
    BackupManifest.Entry old = previous.get(name);
    if (fingerprint != null
        && old != null
        && fingerprint.equals(old.fingerprint())
        && old.size() == size
        && link(previousRoot.resolve(old.name()), target(name))) {
      entries.add(old);
      linkedBytes += size;
      return;
    }
    copy(source, name, new byte[0], 0, size, fingerprint);
  }

  /** Hard-links {@code to} to {@code from}; false when the file system cannot (then we copy). */
  private static boolean link(Path from, Path to) {
    try {
      Files.createLink(to, from);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // previous file gone, or another file system: copy instead
    }
  }

  @Override
  public void copyRange(Path source, String name, byte[] header, long offset, long length)
      throws IOException {
    copy(source, name, header, offset, length, null);
  }

  private void copy(
      Path source, String name, byte[] header, long offset, long length, String fingerprint)
      throws IOException {
    Path target = target(name);
    MessageDigest digest = FileHashing.sha256();
    try (InputStream in = Files.newInputStream(source);
        FileChannel out =
            FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream stream = Channels.newOutputStream(out);
      digest.update(header);
      stream.write(header);
      in.skipNBytes(offset);
      FileHashing.copy(in, stream, length, digest, source);
      stream.flush();
      out.force(true);
    }
    long size = header.length + length;
    add(name, size, HexFormat.of().formatHex(digest.digest()), fingerprint);
    copiedBytes += size;
  }

  @Override
  public void write(String name, byte[] content) throws IOException {
    Path target = target(name);
    try (FileChannel out =
        FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(content));
      out.force(true);
    }
    MessageDigest digest = FileHashing.sha256();
    add(name, content.length, HexFormat.of().formatHex(digest.digest(content)), null);
    copiedBytes += content.length;
  }

  /** Lists a file something else already wrote at {@code name} (the SQLite snapshot). */
  public void adopt(String name) throws IOException {
    Path file = target(name);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    long size = Files.size(file);
    add(name, size, FileHashing.sha256(file), null);
    copiedBytes += size;
  }

  private void add(String name, long size, String sha256, String fingerprint) {
    entries.add(new BackupManifest.Entry(name, size, sha256, fingerprint));
  }

  /** The path of {@code name} in the backup, creating its directory. */
  public Path target(String name) throws IOException {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IOException("backup file name '" + name + "' leaves " + root);
    }
    Files.createDirectories(target.getParent());
    return target;
  }

  @Override
  public void progress(String message) {
    progress.accept(message);
  }

  public List<BackupManifest.Entry> entries() {
    return List.copyOf(entries);
  }

  public long copiedBytes() {
    return copiedBytes;
  }

  public long linkedBytes() {
    return linkedBytes;
  }
}
