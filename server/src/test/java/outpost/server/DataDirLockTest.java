package outpost.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.backup.DataDirLock;

/** One data directory, one Outpost: a second one is refused until the first has stopped. */
class DataDirLockTest {
  @TempDir Path tmp;

  @Test
  void secondOutpostOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() {
    Path dataDir = tmp.resolve("data");
    OutpostConfig config = RunningOutpost.config(dataDir, Map.of());
    try (Outpost first = Outpost.start(config)) {
      assertThatThrownBy(() -> Outpost.start(config).close())
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(DataDirLock.LockedException.class)
          .hasMessageContaining("data directory " + dataDir)
          .hasMessageContaining("is in use by another Outpost");
    }
    Outpost.start(config).close();
  }
}
