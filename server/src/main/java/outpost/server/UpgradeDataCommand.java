package outpost.server;

import java.io.IOException;
import java.io.PrintStream;
import outpost.server.data.DataDirectory;
import outpost.server.data.DataFormatException;
import outpost.server.data.DataFormats;
import outpost.server.data.OutpostVersion;

/**
 * {@code bin/outpost upgrade-data}: brings the configured data directory to this version's data
 * format, running the offline steps that start-up refuses to run. Outpost must be stopped; make a
 * backup first ({@code bin/outpost backup DIR}). Each step is followed by its stamp, so an
 * interrupted run is resumed by running the command again. Stateless.
 */
final class UpgradeDataCommand {
  /** Exit code after a successful upgrade (or when there was nothing to do). */
  static final int OK = 0;

  /** Exit code when the directory was refused; it is unchanged. */
  static final int REFUSED = 3;

  /** Exit code when reading or writing failed part way; run the command again. */
  static final int FAILED = 1;

  private UpgradeDataCommand() {}

  static int run(OutpostConfig config, PrintStream out, PrintStream err) {
    return run(config, DataFormats.standard(), out, err);
  }

  /** Runs the upgrade; returns {@link #OK}, {@link #REFUSED} or {@link #FAILED}. */
  static int run(OutpostConfig config, DataFormats formats, PrintStream out, PrintStream err) {
    out.println(
        "outpost: upgrading data directory "
            + config.dataDir()
            + " to format "
            + formats.current()
            + ". Outpost must be stopped, and you should have a backup"
            + " (bin/outpost backup DIR).");
    try {
      DataDirectory.Outcome outcome =
          DataDirectory.upgrade(config.dataDir(), formats, OutpostVersion.current());
      outcome.steps().forEach(step -> out.println("outpost: done: " + step));
      if (outcome.found() == outcome.format()) {
        out.println("outpost: data directory is already in format " + outcome.format());
      } else if (outcome.found() == 0) {
        out.println("outpost: new data directory stamped with format " + outcome.format());
      } else {
        out.println(
            "outpost: data directory upgraded from format "
                + outcome.found()
                + " to "
                + outcome.format());
      }
      return OK;
    } catch (DataFormatException e) {
      err.println("outpost: refusing to upgrade: " + e.getMessage());
      return REFUSED;
    } catch (IOException | RuntimeException e) {
      err.println(
          "outpost: upgrade failed part way (" + e.getMessage() + "); run it again to resume");
      return FAILED;
    }
  }
}
