package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link LogStore} contract as users see it, run against every implementation: a subclass says
 * how to open a store; the nested groups below hold the tests. Stores loaded with a fixed dataset
 * ({@link #corpus}) are shared by the tests of one run; the others are fresh per test. Every
 * expectation holds for any implementation, so the store may make events searchable asynchronously:
 * tests wait for them (up to {@link #SEARCHABLE_WITHIN}).
 *
 * <p>Not thread-safe: JUnit drives one instance per concrete class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LogStoreContract {
  /** "Now" for every store of the contract. */
  public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  /** The longest an accepted event may take to become searchable here (a loaded CI box). */
  public static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(90);

  private final Map<String, LogStore> corpora = new HashMap<>();
  private final Map<String, RuntimeException> loadFailures = new HashMap<>();
  private final List<LogStore> opened = new ArrayList<>();
  private int fresh;

  /**
   * Opens the store called {@code name} on {@code clock}. Opening the same name again (after
   * closing) reopens the same data; different names never share data. Names are lower-case letters,
   * digits and dashes.
   */
  protected abstract LogStore open(String name, InstantSource clock) throws IOException;

  /** Opens a store, remembering it so that it is closed after the run. */
  LogStore track(String name, InstantSource clock) throws IOException {
    LogStore store = open(name, clock);
    opened.add(store);
    return store;
  }

  /** A store name no other test uses. */
  String newName(String prefix) {
    return prefix + "-" + ++fresh;
  }

  /** A store of its own for one test, on a clock fixed at {@link #NOW}. */
  LogStore fresh(String prefix) throws IOException {
    return track(newName(prefix), InstantSource.fixed(NOW));
  }

  /**
   * The store {@code name} loaded once with {@code events} (one batch) and waited on until all of
   * them are searchable over {@code [from, to)}; shared by the tests, which must not change it.
   */
  LogStore corpus(String name, List<LogEvent> events, Instant from, Instant to) throws IOException {
    RuntimeException failed = loadFailures.get(name);
    if (failed != null) {
      throw new IllegalStateException("loading " + name + " failed earlier", failed);
    }
    LogStore store = corpora.get(name);
    if (store == null) {
      store = track(name, InstantSource.fixed(NOW));
      corpora.put(name, store);
      try {
        append(store, events);
        awaitCount(store, "", from, to, events.size());
      } catch (RuntimeException | AssertionError e) {
        // loaded once only: appending again would duplicate the events
        loadFailures.put(name, e instanceof RuntimeException r ? r : new IllegalStateException(e));
        throw e;
      }
    }
    return store;
  }

  /**
   * Runs once every store of the run is closed, to delete what the subclass created. (A JUnit
   * {@code @TempDir} field does not work here: each nested group would delete it.)
   */
  protected void storesClosed() throws IOException {}

  @AfterAll
  void closeStores() throws IOException {
    try {
      for (LogStore store : opened) {
        store.close();
      }
    } finally {
      storesClosed();
    }
  }

  /** Appends and waits until the batch is durable. */
  static void append(LogStore store, List<LogEvent> batch) {
    CompletableFuture<Void> accepted = store.tryAppend(batch);
    assertThat(accepted).as("tryAppend of %d events had no room", batch.size()).isNotNull();
    accepted.join();
  }

  static long count(LogSearch store, String query, Instant from, Instant to) {
    return store.search(new SearchRequest(query, from, to, 1, "")).total();
  }

  /**
   * Waits until {@code query} finds {@code expected} events. A search failing with an I/O error
   * meanwhile is retried here (setup); {@code searchNeverFailsWhileNewEventsBecomeSearchable}
   * checks that it never happens.
   */
  static void awaitCount(LogSearch store, String query, Instant from, Instant to, long expected) {
    await("'" + query + "' finds " + expected)
        .atMost(SEARCHABLE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .untilAsserted(() -> assertThat(count(store, query, from, to)).isEqualTo(expected));
  }

  /** Query syntax, bad queries and time bounds. */
  @Nested
  class Queries extends QueryContract {
    Queries() {
      super(LogStoreContract.this);
    }
  }

  /** Paging, histogram, facets, stats, top values, fields and highlighting. */
  @Nested
  class Results extends ResultContract {
    Results() {
      super(LogStoreContract.this);
    }
  }

  /** Neighbours of one event from the same host. */
  @Nested
  class Context extends ContextContract {
    Context() {
      super(LogStoreContract.this);
    }
  }

  /** Appending, reading back, live tail, hosts, status, closing and reopening. */
  @Nested
  class Lifecycle extends LifecycleContract {
    Lifecycle() {
      super(LogStoreContract.this);
    }
  }
}
