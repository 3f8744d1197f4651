package outpost.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Re-reads a backup against its manifest: every listed file must have its size and SHA-256, and no
 * other file may be there. Stateless.
 */
public final class BackupVerifier {
  private BackupVerifier() {}

  /**
   * Verifies {@code dir}.
   *
   * @throws IOException when the manifest is missing or unreadable (an incomplete backup)
   */
  public static VerifyReport verify(Path dir) throws IOException {
    BackupManifest manifest = BackupManifest.read(dir);
    Path root = dir.toAbsolutePath().normalize();
    List<String> mismatched = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Map<String, BackupManifest.Entry> listed = manifest.byName();
    for (BackupManifest.Entry e : manifest.files()) {
      Path file = root.resolve(e.name()).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        missing.add(e.name());
        continue;
      }
      long size = Files.size(file);
      if (size != e.size()) {
        mismatched.add(e.name() + " (size " + size + ", manifest says " + e.size() + ")");
      } else if (!FileHashing.sha256(file).equals(e.sha256())) {
        mismatched.add(e.name() + " (SHA-256 differs from the manifest)");
      }
    }
    List<String> extra = new ArrayList<>();
    for (String name : filesIn(root)) {
      if (!listed.containsKey(name) && !name.equals(BackupManifest.FILE_NAME)) {
        extra.add(name);
      }
    }
    return new VerifyReport(manifest.files().size(), manifest.bytes(), mismatched, missing, extra);
  }

  /** Regular files under {@code root}, as {@code /}-separated relative names, sorted. */
  static TreeSet<String> filesIn(Path root) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
    }
    return names;
  }
}
