package outpost.index.lucene;

import java.util.function.BiConsumer;

/**
 * Counts per long value in an open-addressing table, without boxing: numeric facets touch it once
 * per matching document. Not thread-safe.
 */
final class LongCounts {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys = newKeys(64);
  private long[] counts = new long[64];
  private long emptyKeyCount; // the one value the table cannot hold
  private int size;

  private static long[] newKeys(int n) {
    long[] k = new long[n];
    java.util.Arrays.fill(k, EMPTY);
    return k;
  }

  void increment(long key) {
    if (key == EMPTY) {
      emptyKeyCount++;
      return;
    }
    int mask = keys.length - 1;
    int i = (int) mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = key;
      if (++size * 2 > keys.length) {
        counts[i] = 1;
        grow();
        return;
      }
    }
    counts[i]++;
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = newKeys(oldKeys.length * 2);
    counts = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = (int) mix(oldKeys[j]) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }

  void forEach(BiConsumer<Long, Long> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        action.accept(keys[i], counts[i]);
      }
    }
    if (emptyKeyCount > 0) {
      action.accept(EMPTY, emptyKeyCount);
    }
  }
}
