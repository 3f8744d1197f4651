package outpost.agents;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the node's load, memory and disk use from Linux's {@code /proc}. Thread-safe (stateless
 * apart from the paths, which tests point at fixtures).
 */
final class SystemStats {
  /** Most mounts reported in one heartbeat. */
  static final int MAX_MOUNTS = 32;

  /** File system types that hold no user data (kernel views, memory, read-only images). */
  static final Set<String> PSEUDO =
      Set.of(
          "proc",
          "sysfs",
          "devtmpfs",
          "devpts",
          "tmpfs",
          "ramfs",
          "cgroup",
          "cgroup2",
          "securityfs",
          "pstore",
          "bpf",
          "debugfs",
          "tracefs",
          "configfs",
          "fusectl",
          "mqueue",
          "hugetlbfs",
          "autofs",
          "binfmt_misc",
          "rpc_pipefs",
          "efivarfs",
          "selinuxfs",
          "squashfs",
          "nfsd",
          "fuse.gvfsd-fuse",
          "fuse.portal",
          "iso9660",
          "nsfs",
          "none");

  record Load(String one, String five, String fifteen) {}

  record Memory(long totalKb, long availableKb) {}

  record Disk(String mount, int usedPct) {}

  private final Path proc;

  SystemStats(Path proc) {
    this.proc = proc;
  }

  /** The 1, 5 and 15 minute load averages as the kernel prints them. */
  Load load() throws IOException {
    String[] f = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
    if (f.length < 3) {
      throw new IOException("unexpected " + proc.resolve("loadavg") + ": " + String.join(" ", f));
    }
    return new Load(f[0], f[1], f[2]);
  }

  Memory memory() throws IOException {
    long total = -1;
    long available = -1;
    for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        total = kb(line);
      } else if (line.startsWith("MemAvailable:")) {
        available = kb(line);
      }
    }
    if (total < 0 || available < 0) {
      throw new IOException(proc.resolve("meminfo") + " lacks MemTotal or MemAvailable");
    }
    return new Memory(total, available);
  }

  private static long kb(String line) {
    String[] f = line.split("\\s+");
    return Long.parseLong(f[1]);
  }

  /** Use of each real mount (first mount of each point, pseudo file systems skipped). */
  List<Disk> disks() throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    List<Disk> out = new ArrayList<>();
    for (String line : Files.readAllLines(proc.resolve("mounts"))) {
      String[] f = line.split(" ");
      if (f.length < 3 || PSEUDO.contains(f[2])) {
        continue;
      }
      String mount = unescape(f[1]);
      if (!seen.add(mount) || out.size() >= MAX_MOUNTS) {
        continue;
      }
      try {
        FileStore store = Files.getFileStore(Path.of(mount));
        long total = store.getTotalSpace();
        long used = total - store.getUnallocatedSpace();
        long usable = store.getUsableSpace();
        if (total > 0 && used + usable > 0) {
          // as df: used against what a user can have (reserved blocks excluded), rounded up
          out.add(new Disk(mount, (int) Math.ceilDiv(used * 100, used + usable)));
        }
      } catch (IOException | SecurityException e) {
        // a mount we may not look at (permissions, stale NFS): left out of the report
      }
    }
    return out;
  }

  /** /proc/mounts writes space, tab, newline and backslash as octal escapes ({@code \040}). */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
