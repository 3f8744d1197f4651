package outpost.alerts.check;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.FieldName;
import outpost.index.FieldStats;
import outpost.index.Highlighter;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.LogSearch;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StatsRequest;
import outpost.index.StoredEvent;
import outpost.index.TopRequest;

/** Environments for checks that do not read the store; fakes, not mocks. */
final class TestEnv {
  private TestEnv() {}

  static final CheckTarget LOCAL = new CheckTarget("local", "127.0.0.1");

  static CheckEnvironment env() {
    return env(InstantSource.system());
  }

  static CheckEnvironment env(InstantSource clock) {
    return new CheckEnvironment(
        new NoSearch(), new Hosts(), (h, s) -> Optional.empty(), () -> null, clock);
  }

  static CheckEnvironment env(
      HostDirectory hosts, PassiveResults passive, Supplier<SelfStatus> self, InstantSource clock) {
    return new CheckEnvironment(new NoSearch(), hosts, passive, self, clock);
  }

  /** A host directory held in a map; tests put what they need. */
  static final class Hosts implements HostDirectory {
    final Map<String, HostInfo> hosts = new ConcurrentHashMap<>();

    void put(String name, Instant lastSeen, Instant retiredAt) {
      hosts.put(
          name,
          new HostInfo(name, lastSeen, lastSeen, 1, List.of(), List.of(), lastSeen, retiredAt));
    }

    @Override
    public List<HostInfo> hosts() {
      return List.copyOf(hosts.values());
    }

    @Override
    public Optional<HostInfo> host(String name) {
      return Optional.ofNullable(hosts.get(name));
    }

    @Override
    public boolean retire(String name) {
      return false;
    }

    @Override
    public boolean forget(String name) {
      return hosts.remove(name) != null;
    }
  }

  /** A store the check under test must not touch. */
  static final class NoSearch implements LogSearch {
    private static AssertionError unused() {
      return new AssertionError("this check must not search the store");
    }

    @Override
    public SearchPage search(SearchRequest request) {
      throw unused();
    }

    @Override
    public Histogram histogram(HistogramRequest request) {
      throw unused();
    }

    @Override
    public Facets facets(FacetRequest request) {
      throw unused();
    }

    @Override
    public Optional<EventContext> context(ContextRequest request) {
      throw unused();
    }

    @Override
    public FieldStats stats(StatsRequest request) {
      throw unused();
    }

    @Override
    public List<StoredEvent> top(TopRequest request) {
      throw unused();
    }

    @Override
    public List<FieldName> fields(Instant from, Instant to) {
      throw unused();
    }

    @Override
    public Highlighter highlighter(String query) {
      throw unused();
    }
  }
}
