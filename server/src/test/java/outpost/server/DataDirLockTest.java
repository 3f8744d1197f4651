package outpost.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data directory, one Outpost: a second one is refused until the first has stopped. */
class DataDirLockTest {
  @TempDir Path tmp;

  @Test
  void secondOutpostOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() {
    Path dataDir = tmp.resolve("data");
    OutpostConfig config = RunningOutpost.config(dataDir, Map.of());
    try (Outpost first = Outpost.start(config)) {
      assertThatThrownBy(() -> Outpost.start(config).close())
          .isInstanceOf(DataDirLock.DataDirInUseException.class)
          .hasMessageContaining("data directory " + dataDir)
          .hasMessageContaining("is in use by a running Outpost");
    }
    Outpost.start(config).close();
  }
}
