package outpost.index.opensearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import outpost.index.hosts.HostDecision;
import outpost.index.hosts.HostFacts;
import outpost.index.hosts.HostRegistry;

/**
 * The host directory of a node in a cluster of Outpost nodes writing one OpenSearch cluster: the
 * node's own {@link HostRegistry} (fed by its journal, so its own senders show at once), merged
 * every sync interval with what the cluster knows, so every node lists every host with its newest
 * receive time wherever it arrived. Each pass reads, over the log indices, each host's receive
 * times, apps and per-minute counts of the last {@link #RECENT_WINDOW} (every {@link
 * #FULL_INTERVAL}, and at start, over all retained indices instead, to learn hosts silent for
 * longer, their totals and old goodbyes). An agent's goodbye received by any node retires the host
 * on all of them, since the aggregation finds the goodbye to be its last word.
 *
 * <p>Retire and forget decisions are shared through {@link ClusterHostQueries}: stored at once
 * (retried each pass while the cluster is unreachable) and applied by every node on its next pass.
 * A decision holds until the host logs after it; of two decisions for one host the newer wins. A
 * forgotten host is not brought back by the merge unless it logged after being forgotten.
 *
 * <p>Receive times come from the node that took each message, so nodes' clocks should agree (NTP);
 * a skew shows as the same skew in last-seen times, and a host retired within the skew of its last
 * message may stay active.
 *
 * <p>Thread-safe. The store opens it over its registry, {@link #start}s it and closes it (which
 * stops the passes; the registry is closed by the store).
 */
final class ClusterHostDirectory implements HostDirectory, AutoCloseable {
  /** How often the cluster's hosts are merged. */
  public static final Duration SYNC_INTERVAL = Duration.ofSeconds(10);

  /** The receive-time window of a regular pass: the per-minute hour plus a minute of lag. */
  public static final Duration RECENT_WINDOW = Duration.ofMinutes(HostInfo.MINUTES + 1L);

  /** How often a pass covers all retained indices instead. */
  public static final Duration FULL_INTERVAL = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(ClusterHostDirectory.class);

  private final HostRegistry registry;
  private final ClusterHostQueries cluster;
  private final InstantSource clock;
  private final Counter failures;
  private final ScheduledExecutorService passes;
  private final Object lock = new Object();
  private final Object passLock = new Object();
  private final Map<String, HostDecision> decisions = new HashMap<>();
  private final Map<String, HostDecision> unsent = new LinkedHashMap<>();
  private volatile long lastSyncMillis = HostFacts.NONE;
  private long lastFullMillis = HostFacts.NONE; // guarded by passLock
  private boolean failing;

  ClusterHostDirectory(
      HostRegistry registry,
      ClusterHostQueries cluster,
      InstantSource clock,
      MeterRegistry meters) {
    this.registry = registry;
    this.cluster = cluster;
    this.clock = clock;
    this.failures = meters.counter(IndexMetrics.HOSTS_SYNC_FAILURES);
    Gauge.builder(IndexMetrics.HOSTS_SYNC_AGE, this, ClusterHostDirectory::syncAgeSeconds)
        .baseUnit("seconds")
        .register(meters);
    this.passes =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("outpost-hosts-cluster").daemon().unstarted(r));
  }

  /** Runs a pass now and then every {@code interval}. */
  public void start(Duration interval) {
    passes.scheduleWithFixedDelay(this::syncLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public List<HostInfo> hosts() {
    return registry.hosts();
  }

  @Override
  public Optional<HostInfo> host(String name) {
    return registry.host(name);
  }

  /** Retires the host here and shares the decision (stored in the background). */
  @Override
  public boolean retire(String name) {
    if (!registry.retire(name)) {
      return false;
    }
    long at =
        registry
            .host(name)
            .map(HostInfo::retiredAt)
            .map(java.time.Instant::toEpochMilli)
            .orElse(clock.millis());
    share(new HostDecision(name, HostDecision.Kind.RETIRE, at));
    return true;
  }

  /** Forgets the host here and shares the decision (stored in the background). */
  @Override
  public boolean forget(String name) {
    if (!registry.forget(name)) {
      return false;
    }
    share(new HostDecision(name, HostDecision.Kind.FORGET, clock.millis()));
    return true;
  }

  private void share(HostDecision d) {
    synchronized (lock) {
      if (d.newerThan(decisions.get(d.host()))) {
        decisions.put(d.host(), d);
      }
      unsent.put(d.host(), d);
    }
    if (!passes.isShutdown()) {
      passes.execute(this::sendLogged);
    }
  }

  /**
   * One pass: stores unsent decisions, reads the cluster's decisions and hosts, merges them.
   *
   * @throws IOException when the cluster cannot be reached (the next pass tries again)
   */
  void sync() throws IOException {
    synchronized (passLock) {
      pass();
    }
  }

  private void pass() throws IOException {
    sendDecisions();
    Map<String, HostDecision> stored = cluster.decisions();
    long now = clock.millis();
    boolean full =
        lastFullMillis == HostFacts.NONE || now - lastFullMillis >= FULL_INTERVAL.toMillis();
    List<HostFacts> facts =
        cluster.facts(full ? HostFacts.NONE : now - RECENT_WINDOW.toMillis(), !full);
    List<HostDecision> current;
    synchronized (lock) {
      stored.values().forEach(d -> decisions.merge(d.host(), d, (a, b) -> b.newerThan(a) ? b : a));
      current = List.copyOf(decisions.values());
    }
    Map<String, HostDecision> forgotten = new HashMap<>();
    current.stream()
        .filter(d -> d.kind() == HostDecision.Kind.FORGET)
        .forEach(d -> forgotten.put(d.host(), d));
    List<HostFacts> kept = new ArrayList<>(facts.size());
    for (HostFacts f : facts) {
      HostDecision d = forgotten.get(f.name());
      if (d == null || f.lastMillis() > d.atMillis()) {
        kept.add(f);
      }
    }
    registry.merge(kept);
    current.forEach(registry::apply);
    if (full) {
      lastFullMillis = now;
    }
    lastSyncMillis = now;
  }

  private void sendDecisions() throws IOException {
    List<HostDecision> pending;
    synchronized (lock) {
      pending = List.copyOf(unsent.values());
    }
    for (HostDecision d : pending) {
      if (!cluster.record(d)) {
        log.info("a newer decision about host {} is already stored; it wins", d.host());
      }
      synchronized (lock) {
        unsent.remove(d.host(), d);
      }
    }
  }

  private void sendLogged() {
    try {
      sendDecisions();
    } catch (IOException | RuntimeException e) {
      log.warn("could not store a host decision in the cluster; retrying with the next pass", e);
    }
  }

  private void syncLogged() {
    try {
      sync();
      if (failing) {
        log.info("host directory reaches the cluster again");
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      failures.increment();
      if (!failing) {
        log.warn("host directory could not read the cluster's hosts; local hosts only for now", e);
        failing = true;
      } else {
        log.debug("host directory still cannot read the cluster's hosts", e);
      }
    }
  }

  private double syncAgeSeconds() {
    long last = lastSyncMillis;
    return last == HostFacts.NONE ? Double.NaN : (clock.millis() - last) / 1000.0;
  }

  /** Decisions taken here that are not stored in the cluster yet. */
  public int unsentDecisions() {
    synchronized (lock) {
      return unsent.size();
    }
  }

  /** Stops the passes (a decision not yet stored is lost with this node's memory). Safe twice. */
  @Override
  public void close() {
    passes.shutdownNow();
    try {
      if (!passes.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("host directory pass still running after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
