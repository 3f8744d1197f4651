package outpost.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade policy on real directories: which formats open, which steps run at start, which need
 * {@code upgrade-data}, and that an interrupted upgrade resumes.
 */
class DataDirectoryTest {
  @TempDir Path dir;

  private final List<String> ran = new ArrayList<>();

  /** Format 4 is current; 1 to 2 runs at start, 2 to 3 needs upgrade-data, 3 to 4 at start. */
  private DataFormats formats() {
    return new DataFormats(
        4,
        List.of(
            step(1, false, "one to two"),
            step(2, true, "rewrite everything"),
            step(3, false, "three to four")));
  }

  private FormatUpgrade step(int from, boolean offline, String description) {
    return new FormatUpgrade(
        from,
        offline,
        description,
        d -> {
          if (Files.exists(d.resolve("fail-at-" + from))) {
            throw new IOException("disk full during " + description);
          }
          Files.writeString(d.resolve("step-" + from), description);
          ran.add(description);
        });
  }

  @Test
  void missingAndEmptyDirectoriesAreStampedCurrent() throws Exception {
    Path missing = dir.resolve("new");
    DataDirectory.Outcome outcome = DataDirectory.open(missing, formats(), "1.2.3");

    assertThat(outcome.found()).isZero();
    assertThat(Files.readString(missing.resolve("FORMAT")))
        .isEqualTo("outpost-data-format 4\nwritten-by outpost 1.2.3\n");
    assertThat(ran).isEmpty();

    Path empty = Files.createDirectories(dir.resolve("empty/lost+found")).getParent();
    assertThat(DataDirectory.open(empty, formats(), "1.2.3").found()).isZero();
    assertThat(FormatStamp.read(empty)).contains(new FormatStamp(4, "1.2.3"));
  }

  @Test
  void formatNeedingAnOfflineStepIsRefusedAtStartNamingTheCommand() throws Exception {
    new FormatStamp(2, "0.9").write(dir);

    assertThatThrownBy(() -> DataDirectory.open(dir, formats(), "1.0"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("is in data format 2 and needs an offline migration to format 4")
        .hasMessageContaining("(rewrite everything)")
        .hasMessageContaining("Make a backup (bin/outpost backup DIR)")
        .hasMessageContaining("run: bin/outpost upgrade-data [--config FILE]");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(2, "0.9"));
    assertThat(ran).isEmpty();

    DataDirectory.Outcome outcome = DataDirectory.upgrade(dir, formats(), "1.0");

    assertThat(outcome.found()).isEqualTo(2);
    assertThat(ran).containsExactly("rewrite everything", "three to four");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(4, "1.0"));
  }

  @Test
  void onlineStepsRunAtStartInOrder() throws Exception {
    new FormatStamp(3, "0.9").write(dir);

    DataDirectory.open(dir, formats(), "1.0");

    assertThat(ran).containsExactly("three to four");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(4, "1.0"));
  }

  @Test
  void interruptedUpgradeKeepsTheLastCompletedStampAndResumes() throws Exception {
    new FormatStamp(2, "0.9").write(dir);
    Files.writeString(dir.resolve("fail-at-3"), "");

    assertThatThrownBy(() -> DataDirectory.upgrade(dir, formats(), "1.0"))
        .hasMessageContaining("disk full during three to four");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(3, "1.0"));

    Files.delete(dir.resolve("fail-at-3"));
    DataDirectory.open(dir, formats(), "1.0"); // the rest is online

    assertThat(ran).containsExactly("rewrite everything", "three to four");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(4, "1.0"));
  }

  @Test
  void formatOlderThanTheOldestKnownIsRefused() throws Exception {
    DataFormats onlyThreeUp = new DataFormats(4, List.of(step(3, false, "three to four")));
    new FormatStamp(2, "0.1").write(dir);

    assertThatThrownBy(() -> DataDirectory.upgrade(dir, onlyThreeUp, "1.0"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("data format 2, older than this Outpost upgrades (formats 3 to 4)");
    assertThat(FormatStamp.read(dir)).contains(new FormatStamp(2, "0.1"));
  }

  @Test
  void unstampedDirectoryThatIsNotAnOutpostDataDirectoryIsRefusedAndNotStamped() throws Exception {
    Files.createDirectories(dir.resolve("index/2026-11-20"));
    Files.createDirectories(dir.resolve("index/backup-old"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("alerts.db"), "not sqlite at all");

    assertThatThrownBy(() -> DataDirectory.open(dir, DataFormats.standard(), "1.0"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("has no FORMAT stamp")
        .hasMessageContaining("'alerts.db' is not an SQLite database")
        .hasMessageContaining("'index/backup-old' is not a day partition")
        .hasMessageContaining("'notes.txt' is not part of an Outpost data directory")
        .hasMessageContaining("Check data_dir");
    assertThat(dir.resolve("FORMAT")).doesNotExist();
  }

  @Test
  void corruptStampsAreRefusedNamingFileAndLine() throws Exception {
    Files.writeString(dir.resolve("FORMAT"), "outpost-data-format 2\n");
    assertThatThrownBy(() -> DataDirectory.open(dir, DataFormats.standard(), "1.0"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(dir.resolve("FORMAT") + ": line 2 is ''")
        .hasMessageContaining("Restore the file from a backup");

    Files.writeString(dir.resolve("FORMAT"), "outpost-data-format 0\nwritten-by outpost 1\n");
    assertThatThrownBy(() -> DataDirectory.open(dir, DataFormats.standard(), "1.0"))
        .hasMessageContaining("line 1 is 'outpost-data-format 0'");

    Files.write(dir.resolve("FORMAT"), new byte[FormatStamp.MAX_BYTES + 1]);
    assertThatThrownBy(() -> DataDirectory.open(dir, DataFormats.standard(), "1.0"))
        .hasMessageContaining("is not a regular file of at most " + FormatStamp.MAX_BYTES);
  }
}
