package outpost.index.hosts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import outpost.index.DurableFiles;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;

/**
 * The host directory on disk: a binary file (magic, version, the last journal sequence number
 * counted, the hosts) ending in a CRC32C of everything before it. Written whole to a temporary
 * file, fsynced, then moved over the old one atomically, so a crash leaves the old or the new file,
 * never a mix. Stateless; the registry serializes calls.
 */
final class HostsFile {
  private static final int MAGIC = 0x4F504853; // "OPHS"
  private static final int VERSION = 1;
  private static final int MAX_FILE_BYTES = 64 << 20;

  /** What a file held. */
  record Contents(long lastSeq, List<HostState> hosts) {}

  /** The file exists but cannot be read as a host directory; the message says why. */
  static final class CorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptException(String message) {
      super(message);
    }
  }

  private HostsFile() {}

  /**
   * Reads {@code file}; empty contents when it does not exist.
   *
   * @throws CorruptException when it is truncated, fails its checksum or holds impossible values
   * @throws IOException when it cannot be read
   */
  static Contents read(Path file) throws IOException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CorruptException(
            "size " + Files.size(file) + " bytes exceeds limit " + MAX_FILE_BYTES);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Contents(0, List.of());
    }
    if (bytes.length < 8) {
      throw new CorruptException("only " + bytes.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 8);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.skipNBytes(bytes.length - 8);
    if (in.readLong() != crc.getValue()) {
      throw new CorruptException("checksum mismatch");
    }
    in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
    try {
      Contents contents = decode(in);
      if (in.available() > 0) {
        throw new CorruptException(in.available() + " bytes after the last host");
      }
      return contents;
    } catch (EOFException | UTFDataFormatException e) {
      throw new CorruptException("truncated or malformed: " + e);
    }
  }

  private static Contents decode(DataInputStream in) throws IOException {
    int magic = in.readInt();
    int version = in.readInt();
    if (magic != MAGIC || version != VERSION) {
      throw new CorruptException(
          "magic 0x" + Integer.toHexString(magic) + " version " + version + " not recognized");
    }
    long lastSeq = in.readLong();
    int count = bounded(in.readInt(), HostDirectory.MAX_HOSTS, "hosts");
    List<HostState> hosts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hosts.add(readHost(in));
    }
    return new Contents(lastSeq, hosts);
  }

  private static HostState readHost(DataInputStream in) throws IOException {
    String name = in.readUTF();
    if (name.isEmpty() || name.length() > HostRegistry.MAX_NAME_CHARS) {
      throw new CorruptException("host name of " + name.length() + " chars");
    }
    long first = in.readLong();
    long last = in.readLong();
    long messages = in.readLong();
    long retired = in.readLong();
    if (first > last || messages < 1) {
      throw new CorruptException("host " + name + ": first " + first + ", last " + last);
    }
    int appCount = bounded(in.readInt(), HostInfo.MAX_APPS, "apps of " + name);
    List<String> apps = new ArrayList<>(appCount);
    for (int i = 0; i < appCount; i++) {
      String app = in.readUTF();
      if (app.isEmpty() || app.length() > HostRegistry.MAX_NAME_CHARS) {
        throw new CorruptException("app name of " + app.length() + " chars at host " + name);
      }
      apps.add(app);
    }
    int slots = bounded(in.readInt(), HostState.MINUTES, "minutes of " + name);
    long[] slotMinute = new long[HostState.MINUTES];
    long[] slotCount = new long[HostState.MINUTES];
    Arrays.fill(slotMinute, Long.MIN_VALUE);
    HostState state =
        new HostState(name, first, last, messages, retired, apps, slotMinute, slotCount);
    for (int i = 0; i < slots; i++) {
      state.addMinute(in.readLong(), in.readLong());
    }
    return state;
  }

  private static int bounded(int n, int limit, String what) throws CorruptException {
    if (n < 0 || n > limit) {
      throw new CorruptException(what + ": " + n + " outside 0.." + limit);
    }
    return n;
  }

  /** Replaces {@code file} atomically with {@code hosts}. */
  static void write(Path file, long lastSeq, List<HostState> hosts) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + hosts.size() * 256);
    DataOutputStream out = new DataOutputStream(buf);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(lastSeq);
    out.writeInt(hosts.size());
    for (HostState h : hosts) {
      writeHost(out, h);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    DurableFiles.replace(file, buf.toByteArray(), false);
  }

  private static void writeHost(DataOutputStream out, HostState h) throws IOException {
    out.writeUTF(h.name);
    out.writeLong(h.firstMillis);
    out.writeLong(h.lastMillis);
    out.writeLong(h.messages);
    out.writeLong(h.retiredMillis);
    out.writeInt(h.apps.size());
    for (String app : h.apps) {
      out.writeUTF(app);
    }
    int used = 0;
    for (long minute : h.slotMinute) {
      used += minute == Long.MIN_VALUE ? 0 : 1;
    }
    out.writeInt(used);
    for (int i = 0; i < HostState.MINUTES; i++) {
      if (h.slotMinute[i] != Long.MIN_VALUE) {
        out.writeLong(h.slotMinute[i]);
        out.writeLong(h.slotCount[i]);
      }
    }
  }

  /** Makes the rename durable (POSIX: the directory entry lives in the directory's data). */
}
