package outpost.server.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One step from data format {@code from} to {@code from + 1}. An online step runs when Outpost
 * starts; an offline step (long, or needing the server stopped) runs only through {@code
 * bin/outpost upgrade-data}. A step must be safe to run again after a crash: the new stamp is
 * written only after it returns.
 *
 * @param from the format this step upgrades
 * @param offline whether it needs {@code bin/outpost upgrade-data}
 * @param description one line for the log and the command's output
 * @param action the work; throws {@link DataFormatException} when the directory is not what the
 *     step expects
 */
public record FormatUpgrade(int from, boolean offline, String description, Action action) {
  /** The work of one step, on the data directory. */
  @FunctionalInterface
  public interface Action {
    void apply(Path dataDir) throws IOException;
  }

  public FormatUpgrade {
    if (from < 1) {
      throw new IllegalArgumentException("from " + from + " is below 1");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
  }
}
