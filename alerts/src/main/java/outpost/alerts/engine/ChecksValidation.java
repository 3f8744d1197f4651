package outpost.alerts.engine;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import outpost.alerts.AlertSettings;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.CheckFactory;
import outpost.alerts.check.SelfStatus;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.ChecksFileLoader;
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

/**
 * Validates the checks file exactly as {@link AlertEngine#open} loads it (every check built once,
 * every contact's time period parsed) without the store or {@code alerts.db}. Checks are built but
 * never run, so they get a {@link Closed} store. Stateless.
 */
final class ChecksValidation {
  private ChecksValidation() {}

  static void validate(AlertSettings settings) throws IOException {
    if (settings.checksFile() == null) {
      return;
    }
    Closed closed = new Closed();
    CheckEnvironment env =
        new CheckEnvironment(
            closed,
            closed,
            (host, service) -> Optional.empty(),
            () -> new SelfStatus(0, 0, 0, 0, 0, 0),
            InstantSource.system());
    ChecksFile file =
        new ChecksFileLoader(new CheckFactory(env)::create, settings.selfName())
            .load(settings.checksFile());
    EngineParts.contacts(file, settings.checksFile());
  }

  /** The store while the configuration is checked: not open, so every read is refused. */
  private static final class Closed implements LogSearch, HostDirectory {
    private static IllegalStateException closed() {
      return new IllegalStateException("the log store is not open while checking the config");
    }

    @Override
    public SearchPage search(SearchRequest request) {
      throw closed();
    }

    @Override
    public Histogram histogram(HistogramRequest request) {
      throw closed();
    }

    @Override
    public Facets facets(FacetRequest request) {
      throw closed();
    }

    @Override
    public Optional<EventContext> context(ContextRequest request) {
      throw closed();
    }

    @Override
    public FieldStats stats(StatsRequest request) {
      throw closed();
    }

    @Override
    public List<StoredEvent> top(TopRequest request) {
      throw closed();
    }

    @Override
    public List<FieldName> fields(Instant from, Instant to) {
      throw closed();
    }

    @Override
    public Highlighter highlighter(String query) {
      throw closed();
    }

    @Override
    public List<HostInfo> hosts() {
      throw closed();
    }

    @Override
    public Optional<HostInfo> host(String name) {
      throw closed();
    }

    @Override
    public boolean retire(String name) {
      throw closed();
    }

    @Override
    public boolean forget(String name) {
      throw closed();
    }
  }
}
