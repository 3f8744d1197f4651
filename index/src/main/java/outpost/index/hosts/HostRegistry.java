package outpost.index.hosts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.journal.JournaledBatch;

/**
 * The host directory, fed with every accepted batch (and the journal replay at start): each batch
 * is tallied per host first, then merged under one short lock. It remembers the last journal
 * sequence number it counted, so a replay after a restart counts no event twice. Saved to its file
 * ({@code hosts.dat} in the store; checksummed binary, see {@link HostsFile}) every {@code
 * interval} given to {@link #start} when changed and at close; a corrupt file is logged, moved
 * aside and replaced by an empty directory.
 *
 * <p>Thread-safe. The store opens, starts and closes it.
 */
public final class HostRegistry implements HostDirectory, AutoCloseable {
  /** Longest host or app name tracked (a DNS name has at most 255 characters). */
  public static final int MAX_NAME_CHARS = 255;

  /** How often the store saves a changed directory. */
  public static final Duration SAVE_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(HostRegistry.class);

  private final Path file;
  private final InstantSource clock;
  private final Counter untracked;
  private final Object lock = new Object();
  private final Object saveLock = new Object();
  private final Map<String, HostState> hosts = new HashMap<>();
  private final ScheduledExecutorService saver;
  private long lastSeq;
  private boolean dirty;
  private boolean closed;

  private HostRegistry(
      Path file, InstantSource clock, MeterRegistry registry, HostsFile.Contents contents) {
    this.file = file;
    this.clock = clock;
    this.lastSeq = contents.lastSeq();
    contents.hosts().forEach(h -> hosts.put(h.name, h));
    this.untracked = registry.counter(IndexMetrics.HOSTS_UNTRACKED);
    Gauge.builder(IndexMetrics.HOSTS_KNOWN, this, r -> r.size()).register(registry);
    this.saver =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("outpost-hosts-save").daemon().unstarted(r));
  }

  /**
   * Loads the directory saved in {@code file} (empty when there is none; a corrupt one is moved
   * aside to {@code <file>.corrupt-<millis>}).
   *
   * @throws IOException when the file exists but cannot be read or moved aside
   */
  public static HostRegistry open(Path file, InstantSource clock, MeterRegistry registry)
      throws IOException {
    HostsFile.Contents contents;
    try {
      contents = HostsFile.read(file);
    } catch (HostsFile.CorruptException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      log.warn(
          "host directory {} is corrupt ({}); moved to {}, starting empty",
          file,
          e.getMessage(),
          aside,
          e);
      contents = new HostsFile.Contents(0, List.of());
    }
    return new HostRegistry(file, clock, registry, contents);
  }

  /** Saves every {@code interval} while there are changes. */
  public void start(Duration interval) {
    long millis = interval.toMillis();
    saver.scheduleWithFixedDelay(this::saveLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Counts an accepted batch; events at or before the last sequence number counted are skipped. */
  public void record(JournaledBatch batch) {
    List<LogEvent> events = batch.events();
    int from;
    synchronized (lock) {
      from = (int) Math.clamp(lastSeq - batch.firstSeq() + 1, 0, events.size());
    }
    Map<String, HostTally> tallies = new HashMap<>();
    long skipped = 0;
    for (int i = from; i < events.size(); i++) {
      LogEvent e = events.get(i);
      if (e.host().isEmpty() || e.host().length() > MAX_NAME_CHARS) {
        skipped++;
      } else {
        tallies.computeIfAbsent(e.host(), h -> new HostTally()).add(e);
      }
    }
    synchronized (lock) {
      for (Map.Entry<String, HostTally> t : tallies.entrySet()) {
        skipped += merge(t.getKey(), t.getValue());
      }
      lastSeq = Math.max(lastSeq, batch.lastSeq());
      dirty = true;
    }
    if (skipped > 0) {
      untracked.increment(skipped);
    }
  }

  /** Returns the messages not tracked because the directory is full. */
  private long merge(String name, HostTally tally) {
    HostState state = hosts.get(name);
    if (state == null) {
      if (hosts.size() >= MAX_HOSTS) {
        return tally.messages;
      }
      state = new HostState(name);
      hosts.put(name, state);
    }
    state.add(tally);
    return 0;
  }

  @Override
  public List<HostInfo> hosts() {
    long minute = nowMinute();
    List<HostInfo> out;
    synchronized (lock) {
      out = new ArrayList<>(hosts.size());
      for (HostState h : hosts.values()) {
        out.add(h.info(minute));
      }
    }
    out.sort(Comparator.comparing(HostInfo::name));
    return out;
  }

  @Override
  public Optional<HostInfo> host(String name) {
    long minute = nowMinute();
    synchronized (lock) {
      HostState h = hosts.get(name);
      return h == null ? Optional.empty() : Optional.of(h.info(minute));
    }
  }

  private long nowMinute() {
    return Math.floorDiv(clock.millis(), 60_000L);
  }

  /** Retires a host as of now; retiring a retired host keeps its first retirement time. */
  @Override
  public boolean retire(String name) {
    long now = clock.millis();
    synchronized (lock) {
      HostState h = hosts.get(name);
      if (h == null) {
        return false;
      }
      if (h.retiredMillis == HostState.ACTIVE) {
        h.retiredMillis = now;
        dirty = true;
      }
      return true;
    }
  }

  @Override
  public boolean forget(String name) {
    synchronized (lock) {
      boolean known = hosts.remove(name) != null;
      dirty |= known;
      return known;
    }
  }

  /**
   * Merges what a shared store knows about hosts (see {@link HostState#merge}); hosts new to this
   * node are added while there is room.
   */
  public void merge(Collection<HostFacts> facts) {
    long skipped = 0;
    synchronized (lock) {
      for (HostFacts f : facts) {
        HostState state = hosts.get(f.name());
        if (state == null) {
          if (hosts.size() >= MAX_HOSTS) {
            skipped++;
            continue;
          }
          state = new HostState(f.name());
          hosts.put(f.name(), state);
        }
        state.merge(f);
        dirty = true;
      }
    }
    if (skipped > 0) {
      untracked.increment(skipped);
    }
  }

  /**
   * Applies a decision taken on another node, unless the host logged after it: a retirement retires
   * an active host as of the decision, a forget removes it.
   *
   * @return whether the directory changed
   */
  public boolean apply(HostDecision decision) {
    synchronized (lock) {
      HostState h = hosts.get(decision.host());
      if (h == null || h.lastMillis > decision.atMillis()) {
        return false;
      }
      boolean changed =
          switch (decision.kind()) {
            case FORGET -> hosts.remove(decision.host()) != null;
            case RETIRE -> {
              boolean active = h.retiredMillis == HostState.ACTIVE;
              if (active) {
                h.retiredMillis = decision.atMillis();
              }
              yield active;
            }
          };
      dirty |= changed;
      return changed;
    }
  }

  /** Hosts known now. */
  public int size() {
    synchronized (lock) {
      return hosts.size();
    }
  }

  /**
   * Writes the directory to its file if it changed since the last save.
   *
   * @throws IOException when it cannot be written (it stays marked as changed)
   */
  public void save() throws IOException {
    synchronized (saveLock) {
      List<HostState> copies;
      long seq;
      synchronized (lock) {
        if (!dirty) {
          return;
        }
        copies = new ArrayList<>(hosts.size());
        hosts.values().forEach(h -> copies.add(h.copy()));
        seq = lastSeq;
        dirty = false;
      }
      try {
        HostsFile.write(file, seq, copies);
      } catch (IOException | RuntimeException e) {
        synchronized (lock) {
          dirty = true;
        }
        throw e;
      }
    }
  }

  private void saveLogged() {
    try {
      save();
    } catch (IOException | RuntimeException e) {
      log.error("could not save the host directory to {}; will retry", file, e);
    }
  }

  /** Stops the periodic save without saving, as a crash would; for tests. */
  public void abandon() {
    synchronized (lock) {
      closed = true;
    }
    saver.shutdownNow();
  }

  /** Stops the periodic save and saves once more. Safe twice. */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    saver.shutdown();
    try {
      if (!saver.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("host directory save still running after 30 s; saving again anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the host directory saver", e);
    }
    save();
  }
}
