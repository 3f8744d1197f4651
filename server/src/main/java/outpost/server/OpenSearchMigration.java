package outpost.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.store.LockObtainFailedException;
import outpost.index.LogEvent;
import outpost.index.StoreConfig;
import outpost.index.opensearch.OpenSearchImport;
import outpost.index.opensearch.OpenSearchStoreConfig;
import outpost.server.backup.DataDirLock;

/**
 * {@code outpost migrate-to-opensearch}: copies the embedded store of {@code data_dir} (committed
 * partitions, then the journal tail not yet indexed) into the cluster of {@code store.opensearch.*}
 * with the ids the OpenSearch store gives the same journal events ({@code node_id << 48 | seq}), so
 * a rerun overwrites instead of duplicating, and then compares the count per day. Refuses while an
 * Outpost runs on the directory. Not thread-safe; one run per instance.
 */
final class OpenSearchMigration {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_CONFIG = 2;
  static final int IN_USE = 3;
  static final int INCOMPLETE = 4;

  private static final String NAME = "migrate-to-opensearch";

  private final OutpostConfig config;
  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;
  private final Map<LocalDate, Long> expected = new TreeMap<>();
  private long firstSeq = Long.MAX_VALUE;
  private long lastSeq;
  private long copied;

  /** Progress goes to {@code out}, the reason of a failure to {@code err}. */
  OpenSearchMigration(OutpostConfig config, PrintStream out, PrintStream err, InstantSource clock) {
    this.config = config;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Runs the migration; returns the exit code ({@link #OK} .. {@link #INCOMPLETE}). */
  int run() {
    if (config.store().opensearch().isEmpty()) {
      return fail(BAD_CONFIG, "store.opensearch.hosts is not set: nothing to copy into");
    }
    StoreConfig local = LogStores.storeConfig(config);
    EmbeddedStoreReader reader = new EmbeddedStoreReader(config.dataDir(), local.retention());
    if (!reader.exists()) {
      return fail(BAD_CONFIG, "data directory " + config.dataDir() + " holds no embedded store");
    }
    OpenSearchStoreConfig target =
        LogStores.openSearchConfig(local, config.store().opensearch().orElseThrow());
    try (DataDirLock lock = DataDirLock.acquire(config.dataDir())) {
      return copy(reader, target);
    } catch (DataDirLock.LockedException e) {
      return fail(IN_USE, e.getMessage());
    } catch (LockObtainFailedException e) {
      return fail(IN_USE, "a partition is open in another process (" + e.getMessage() + ")");
    } catch (IOException | UncheckedIOException e) {
      return fail(
          FAILED,
          e.getMessage()
              + "; nothing is lost: the embedded store is unchanged, run the migration again");
    }
  }

  /** What the copy found: the journal tail, refusals, and the cluster's count per day. */
  private record Copied(
      EmbeddedStoreReader.JournalTail tail, long refused, Map<LocalDate, Long> found) {}

  private int copy(EmbeddedStoreReader reader, OpenSearchStoreConfig target) throws IOException {
    long started = System.nanoTime();
    out.printf(
        "%s: copying %s into %s, indices %s-*, node id %d%n",
        NAME, config.dataDir(), target.connection().hosts(), target.indexPrefix(), target.nodeId());
    Copied result = transfer(reader, target);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "%s: %,d events copied in %.1f s (%,.0f/s)%n",
        NAME, copied, seconds, copied / Math.max(seconds, 0.001));
    boolean countsMatch = verify(result.found());
    if (!result.tail().damage().isEmpty()) {
      return fail(INCOMPLETE, result.tail().damage());
    }
    if (!countsMatch || result.refused() > 0) {
      return fail(
          INCOMPLETE,
          "counts differ or events were refused (see above); run the migration again to retry");
    }
    out.printf(
        "%s: done. Run this node with store.type: opensearch, node_id %d and this data_dir: its"
            + " journal continues after sequence number %d, so new ids never collide with the"
            + " copied ones%n",
        NAME, target.nodeId(), lastSeq);
    return OK;
  }

  private Copied transfer(EmbeddedStoreReader reader, OpenSearchStoreConfig target)
      throws IOException {
    try (OpenSearchImport sink = OpenSearchImport.open(target, new SimpleMeterRegistry())) {
      reader.readPartitions(
          (day, seq, millis, event) -> add(sink, day, seq, millis, event),
          (day, n) -> out.printf("%s: %s: %,d events (%,d so far)%n", NAME, day, n, copied));
      EmbeddedStoreReader.JournalTail tail =
          reader.readJournalTail((d, s, m, e) -> add(sink, d, s, m, e), clock.instant());
      sink.flush();
      out.printf(
          "%s: journal tail: %,d events not yet indexed (%,d older than the retention period"
              + " skipped)%n",
          NAME, tail.events(), tail.expired());
      if (sink.refused() > 0) {
        out.printf(
            "%s: %,d events refused by OpenSearch, last: %s%n",
            NAME, sink.refused(), sink.lastRefusal());
      }
      Map<LocalDate, Long> found = copied == 0 ? Map.of() : sink.countPerDay(firstSeq, lastSeq);
      return new Copied(tail, sink.refused(), found);
    }
  }

  private void add(OpenSearchImport sink, LocalDate day, long seq, long millis, LogEvent event)
      throws IOException {
    sink.add(seq, millis, event);
    expected.merge(day, 1L, Long::sum);
    firstSeq = Math.min(firstSeq, seq);
    lastSeq = Math.max(lastSeq, seq);
    copied++;
  }

  /** Prints the count per day in the store and in the cluster; true when all match. */
  private boolean verify(Map<LocalDate, Long> found) {
    boolean match = true;
    Map<LocalDate, Long> days = new TreeMap<>(expected);
    found.keySet().forEach(d -> days.putIfAbsent(d, 0L));
    for (LocalDate day : days.keySet()) {
      long want = expected.getOrDefault(day, 0L);
      long got = found.getOrDefault(day, 0L);
      match &= want == got;
      out.printf(
          "%s: verify %s: %,d in the embedded store, %,d in OpenSearch%s%n",
          NAME, day, want, got, want == got ? "" : "  MISMATCH");
    }
    return match;
  }

  private int fail(int code, String message) {
    out.flush();
    err.println(NAME + ": " + message);
    return code;
  }
}
