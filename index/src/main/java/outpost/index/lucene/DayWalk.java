package outpost.index.lucene;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;

/**
 * Visits day partitions in a given order with an acquired searcher each, releasing it in a finally
 * block, and reopening a partition that was closed as idle meanwhile. Stateless apart from the
 * partitions it reads; thread-safe.
 */
final class DayWalk {
  static final long DAY_MILLIS = 86_400_000L;
  private static final int MAX_OPEN_ATTEMPTS = 3;

  /** Work on one partition's searcher; returns false to stop the walk. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(LocalDate day, IndexSearcher searcher) throws IOException;
  }

  private DayWalk() {}

  /** The UTC day of epoch millis {@code millis}. */
  static LocalDate day(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
  }

  /** Visits the partitions overlapping [fromMillis, toMillis), newest day first. */
  static void newestFirst(Partitions partitions, long fromMillis, long toMillis, Visitor visitor)
      throws IOException {
    if (fromMillis >= toMillis) {
      return;
    }
    walk(partitions, partitions.daysNewestFirst(day(fromMillis), day(toMillis - 1)), visitor);
  }

  /** Visits the partitions from {@code first} on, oldest day first. */
  static void oldestFirstFrom(Partitions partitions, LocalDate first, Visitor visitor)
      throws IOException {
    List<LocalDate> days = new ArrayList<>(partitions.daysNewestFirst(first, LocalDate.MAX));
    walk(partitions, days.reversed(), visitor);
  }

  /** Visits the partitions of {@code days} that exist, in that order, until the visitor stops. */
  static void walk(Partitions partitions, List<LocalDate> days, Visitor visitor)
      throws IOException {
    for (LocalDate day : days) {
      if (!visitOne(partitions, day, visitor)) {
        return;
      }
    }
  }

  /** Visits one day's partition if it exists; returns what the visitor returned (true if none). */
  static boolean visitOne(Partitions partitions, LocalDate day, Visitor visitor)
      throws IOException {
    for (int attempt = 0; attempt < MAX_OPEN_ATTEMPTS; attempt++) {
      DayPartition p = partitions.forRead(day);
      if (p == null) {
        return true; // deleted by retention meanwhile
      }
      IndexSearcher s = p.acquire();
      if (s == null) {
        continue; // closed as idle meanwhile: open it again
      }
      try {
        return visitor.visit(day, s);
      } finally {
        p.release(s);
      }
    }
    return true;
  }
}
