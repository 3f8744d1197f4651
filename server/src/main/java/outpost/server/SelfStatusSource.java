package outpost.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import outpost.alerts.check.SelfStatus;
import outpost.index.LogStore;
import outpost.index.StoreStatus;
import outpost.ingest.IngestStatus;
import outpost.ingest.SyslogIngest;

/**
 * Outpost's own vital signs for the {@code self} checks: messages accepted (from ingest, once it
 * runs: the alerts start before it), index lag and journal bytes (from the store), and the free and
 * total space of the data directory's file system. Thread-safe.
 */
final class SelfStatusSource implements Supplier<SelfStatus> {
  private final LogStore store;
  private final FileStore dataDisk;
  private final AtomicReference<SyslogIngest> ingest = new AtomicReference<>();

  SelfStatusSource(LogStore store, Path dataDir) throws IOException {
    this.store = store;
    this.dataDisk = Files.getFileStore(dataDir);
  }

  /** Starts counting ingest's accepted messages. */
  void ingest(SyslogIngest running) {
    ingest.set(running);
  }

  @Override
  public SelfStatus get() {
    StoreStatus s = store.status();
    SyslogIngest running = ingest.get();
    long accepted = 0;
    if (running != null) {
      for (IngestStatus.Listener l : running.status().listeners()) {
        accepted += l.accepted();
      }
    }
    try {
      return new SelfStatus(
          accepted,
          s.indexingLag(),
          s.journalBytes(),
          dataDisk.getUsableSpace(),
          dataDisk.getTotalSpace(),
          0);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the data directory's disk space", e);
    }
  }
}
