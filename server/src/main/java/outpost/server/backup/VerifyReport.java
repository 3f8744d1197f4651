package outpost.server.backup;

import java.util.List;

/**
 * What {@link BackupVerifier} found in a backup directory.
 *
 * @param checked files listed in the manifest
 * @param bytes their total size
 * @param mismatched listed files whose size or SHA-256 differs, with what differs
 * @param missing listed files that are absent
 * @param extra files present but not listed (the manifest itself excluded)
 */
public record VerifyReport(
    int checked, long bytes, List<String> mismatched, List<String> missing, List<String> extra) {
  public VerifyReport {
    mismatched = List.copyOf(mismatched);
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
  }

  /** True when every listed file is present and intact and nothing else is there. */
  public boolean ok() {
    return mismatched.isEmpty() && missing.isEmpty() && extra.isEmpty();
  }

  /** One line per problem, or a one-line summary when there is none. */
  public List<String> lines() {
    if (ok()) {
      return List.of(checked + " files, " + bytes + " bytes: all match the manifest");
    }
    List<String> out = new java.util.ArrayList<>();
    mismatched.forEach(m -> out.add("mismatch: " + m));
    missing.forEach(m -> out.add("missing: " + m));
    extra.forEach(m -> out.add("extra: " + m));
    return out;
  }
}
