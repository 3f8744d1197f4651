package outpost.index.tail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.LogTail;
import outpost.index.QueryException;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;
import outpost.index.journal.JournaledBatch;
import outpost.index.query.LogQueryParser;

/**
 * The live-tail hub. The journal writer calls {@link #publish} with each accepted batch: a volatile
 * read when nobody subscribes, otherwise a hand-off to the hub thread through a queue bounded by
 * {@link #MAX_PENDING_EVENTS}. When that is full the batch is skipped and counted as matched and
 * dropped for every subscriber, so the writer never waits. The hub thread matches each event once
 * per distinct query (a cheap {@link Prefilter}, then {@link EventMatcher} with the search
 * semantics) and queues matches on the subscribers ({@link Subscriber}, each bounded by its
 * capacity).
 *
 * <p>Thread-safe. The store creates, starts and closes it; closing ends every subscription.
 */
public final class TailHub implements LogTail, AutoCloseable {
  /** Most subscriptions open at once. */
  public static final int MAX_SUBSCRIBERS = 1000;

  /** Most accepted events waiting for the hub thread; beyond, batches are skipped. */
  public static final int MAX_PENDING_EVENTS = 100_000;

  private static final Logger log = LoggerFactory.getLogger(TailHub.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** Events matched before queuing their matches and looking at subscription changes. */
  private static final int CHUNK_EVENTS = 64;

  /** Subscribers sharing one query: each event is matched once for all of them. */
  private static final class Group {
    final Query query;
    final boolean matchAll;
    final Prefilter prefilter;
    final List<Subscriber> members;
    boolean failed;

    Group(Query query, List<Subscriber> members) {
      this.query = query;
      this.matchAll = query instanceof MatchAllDocsQuery;
      this.prefilter = Prefilter.of(query);
      this.members = List.copyOf(members);
    }
  }

  /**
   * What the hub thread and {@link #publish} read; replaced whole on every change.
   *
   * @param fields the fields any of the queries reads: all an event needs for matching
   */
  private record Snapshot(List<Group> groups, int size, Set<String> fields) {}

  private final LogQueryParser parser = new LogQueryParser();
  private final EventMatcher matcher = new EventMatcher();
  private final Map<Query, List<Subscriber>> byQuery = new LinkedHashMap<>();
  private final LinkedBlockingQueue<JournaledBatch> pending = new LinkedBlockingQueue<>();
  private final AtomicInteger pendingEvents = new AtomicInteger();
  private final AtomicLong skipped = new AtomicLong();
  private final Counter droppedFull;
  private final Counter droppedBehind;
  private final Thread thread;
  private final EventText text = new EventText();
  private volatile Snapshot snapshot = new Snapshot(List.of(), 0, Set.of());
  private volatile boolean closed;

  public TailHub(MeterRegistry registry) {
    Gauge.builder(IndexMetrics.TAIL_SUBSCRIBERS, this, h -> h.snapshot.size()).register(registry);
    droppedFull = dropped(registry, IndexMetrics.TAIL_DROPPED_QUEUE_FULL);
    droppedBehind = dropped(registry, IndexMetrics.TAIL_DROPPED_HUB_BEHIND);
    thread = Thread.ofPlatform().name("outpost-tail-hub").daemon().unstarted(this::run);
  }

  private static Counter dropped(MeterRegistry registry, String reason) {
    return Counter.builder(IndexMetrics.TAIL_DROPPED)
        .tag(IndexMetrics.TAG_REASON, reason)
        .register(registry);
  }

  /** Starts the hub thread. */
  public void start() {
    thread.start();
  }

  @Override
  public TailSubscription subscribe(String query, int capacity) {
    Objects.requireNonNull(query, "query");
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new QueryException("capacity " + capacity + " outside 1.." + MAX_CAPACITY);
    }
    Query parsed = parser.parse(query);
    synchronized (byQuery) {
      if (closed) {
        throw new IllegalStateException("live tail is closed");
      }
      if (snapshot.size() >= MAX_SUBSCRIBERS) {
        throw new IllegalStateException(
            "live tail has " + snapshot.size() + " subscribers, the limit is " + MAX_SUBSCRIBERS);
      }
      Subscriber s = new Subscriber(this, parsed, capacity, skipped.get());
      byQuery.computeIfAbsent(parsed, q -> new ArrayList<>()).add(s);
      rebuild();
      return s;
    }
  }

  void remove(Subscriber s) {
    synchronized (byQuery) {
      List<Subscriber> members = byQuery.get(s.query());
      if (members != null && members.remove(s)) {
        if (members.isEmpty()) {
          byQuery.remove(s.query());
        }
        rebuild();
      }
    }
  }

  private void rebuild() {
    List<Group> groups = new ArrayList<>(byQuery.size());
    Set<String> fields = new HashSet<>();
    int size = 0;
    for (Map.Entry<Query, List<Subscriber>> e : byQuery.entrySet()) {
      groups.add(new Group(e.getKey(), e.getValue()));
      fields.addAll(EventMatcher.fields(e.getKey()));
      size += e.getValue().size();
    }
    snapshot = new Snapshot(List.copyOf(groups), size, Set.copyOf(fields));
  }

  /** Events skipped while the hub was behind, since it started. */
  long skippedEvents() {
    return skipped.get();
  }

  /** Subscriptions open now. */
  public int subscribers() {
    return snapshot.size();
  }

  /**
   * Hands an accepted batch to the hub. Never blocks; called by the journal writer thread, in
   * sequence order.
   */
  public void publish(JournaledBatch batch) {
    Snapshot s = snapshot;
    if (s.size() == 0 || closed) {
      return;
    }
    int n = batch.events().size();
    if (pendingEvents.get() + n > MAX_PENDING_EVENTS) {
      skipped.addAndGet(n);
      droppedBehind.increment((double) n * s.size());
      return;
    }
    pendingEvents.addAndGet(n);
    pending.add(batch);
  }

  private void run() {
    while (!closed) {
      JournaledBatch batch;
      try {
        batch = pending.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch != null) {
        pendingEvents.addAndGet(-batch.events().size());
        deliver(batch);
      }
    }
  }

  /**
   * Matches and queues a batch in chunks, taking up subscription changes between them, so a big
   * batch neither holds back the first matches nor keeps matching for subscribers that left.
   */
  private void deliver(JournaledBatch batch) {
    List<LogEvent> events = batch.events();
    for (int from = 0; from < events.size() && !closed; from += CHUNK_EVENTS) {
      Snapshot s = snapshot;
      if (s.groups().isEmpty()) {
        return;
      }
      deliver(batch.firstSeq(), events, from, Math.min(events.size(), from + CHUNK_EVENTS), s);
    }
  }

  private void deliver(long firstSeq, List<LogEvent> events, int from, int to, Snapshot s) {
    List<Group> groups = s.groups();
    List<List<StoredEvent>> matches = new ArrayList<>(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      matches.add(new ArrayList<>());
    }
    for (int i = from; i < to; i++) {
      match(firstSeq + i, events.get(i), s, matches);
    }
    for (int g = 0; g < groups.size(); g++) {
      List<StoredEvent> matched = matches.get(g);
      if (!matched.isEmpty()) {
        for (Subscriber member : groups.get(g).members) {
          int dropped = member.offer(matched);
          if (dropped > 0) {
            droppedFull.increment(dropped);
          }
        }
      }
    }
  }

  /**
   * Adds the event to the match list of each group whose query it matches. The event goes into the
   * matcher's index only once some group's prefilter lets it through.
   */
  private void match(long seq, LogEvent event, Snapshot s, List<List<StoredEvent>> out) {
    StoredEvent stored = new StoredEvent(seq, event);
    List<Group> groups = s.groups();
    text.reset(event);
    boolean loaded = false;
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      if (!group.matchAll) {
        if (!group.prefilter.mayMatch(text)) {
          continue;
        }
        if (!loaded) {
          matcher.load(seq, event, s.fields());
          loaded = true;
        }
        if (!matches(group, seq)) {
          continue;
        }
      }
      out.get(g).add(stored);
    }
  }

  private boolean matches(Group group, long seq) {
    try {
      return matcher.matches(group.query);
    } catch (IOException | RuntimeException e) {
      if (!group.failed) {
        group.failed = true; // once per group: a broken query must not flood the log
        log.error(
            "live tail query {} failed on event {}; treated as no match", group.query, seq, e);
      }
      return false;
    }
  }

  /** Ends every subscription and stops the hub thread. Safe twice. */
  @Override
  public void close() {
    List<Subscriber> all = new ArrayList<>();
    synchronized (byQuery) {
      if (closed) {
        return;
      }
      closed = true;
      byQuery.values().forEach(all::addAll);
    }
    thread.interrupt();
    all.forEach(Subscriber::close);
    pending.clear();
    if (thread.getState() == Thread.State.NEW) {
      return;
    }
    try {
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
