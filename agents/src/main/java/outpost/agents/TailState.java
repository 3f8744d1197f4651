package outpost.agents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The positions {@code outpost-tail} saved: per inode, the path it was followed at, the offset up
 * to which lines were sent or spooled, and a fingerprint (CRC-32C of the first {@code fpLength}
 * bytes) telling a reused inode from the same file. One line per file, {@code inode offset fpLength
 * fpCrc path}, written to a temp file, fsynced and renamed over the old one. Not thread-safe.
 */
final class TailState {
  record Entry(long inode, long offset, int fpLength, long fpCrc, String path) {}

  private TailState() {}

  /** The saved positions; empty when the file does not exist. Unreadable lines are skipped. */
  static Map<Long, Entry> read(Path file) throws IOException {
    Map<Long, Entry> out = new HashMap<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split(" ", 5);
      if (f.length != 5) {
        continue;
      }
      try {
        Entry e =
            new Entry(
                Long.parseLong(f[0]),
                Long.parseLong(f[1]),
                Integer.parseInt(f[2]),
                Long.parseLong(f[3]),
                f[4]);
        out.put(e.inode(), e);
      } catch (NumberFormatException e) {
        System.err.println("outpost-tail: ignoring bad line in " + file + ": " + line);
      }
    }
    return out;
  }

  static void write(Path file, Iterable<Entry> entries) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      sb.append(e.inode()).append(' ').append(e.offset()).append(' ').append(e.fpLength());
      sb.append(' ').append(e.fpCrc()).append(' ').append(e.path()).append('\n');
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself survives a power cut
    }
  }
}
