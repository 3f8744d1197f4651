package outpost.server.data;

import java.util.List;

/**
 * The data formats this Outpost knows: the current one and the chain of steps that bring each older
 * supported format up to it. Immutable; thread-safe.
 *
 * <p>Format 1 is every directory written before the {@code FORMAT} stamp existed. Format 2 adds the
 * stamp and the {@code alerts.db} schema version ({@code PRAGMA user_version}, migrated by the
 * alerts when they open); the 1 to 2 step only checks the layout, so it runs at start.
 */
public final class DataFormats {
  /** The format this Outpost writes. */
  public static final int CURRENT = 2;

  private final int current;
  private final List<FormatUpgrade> upgrades;

  /**
   * @param upgrades one step per format from the oldest supported to {@code current - 1}, in order
   */
  public DataFormats(int current, List<FormatUpgrade> upgrades) {
    this.upgrades = List.copyOf(upgrades);
    for (int i = 0; i < this.upgrades.size(); i++) {
      int expected = current - this.upgrades.size() + i;
      if (this.upgrades.get(i).from() != expected) {
        throw new IllegalArgumentException(
            "upgrade "
                + i
                + " is from format "
                + this.upgrades.get(i).from()
                + ", expected "
                + expected);
      }
    }
    this.current = current;
  }

  /** This build's formats. */
  public static DataFormats standard() {
    return new DataFormats(
        CURRENT,
        List.of(
            new FormatUpgrade(
                1, false, "format 1 to 2: check the layout and stamp it", Format1Layout::check)));
  }

  /** The format this Outpost writes. */
  public int current() {
    return current;
  }

  /** The oldest format this Outpost can upgrade. */
  public int oldest() {
    return upgrades.isEmpty() ? current : upgrades.get(0).from();
  }

  /** The steps from {@code format} to the current one, in order. */
  public List<FormatUpgrade> stepsFrom(int format) {
    return upgrades.stream().filter(u -> u.from() >= format).toList();
  }
}
