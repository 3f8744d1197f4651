package outpost.index.tail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogEvent;
import outpost.index.lucene.EventDocument;
import outpost.index.lucene.LogAnalyzer;

/**
 * Matches one event at a time against parsed queries. The event is put into a one-document {@link
 * MemoryIndex} with exactly the fields {@link EventDocument} gives the real index (analyzed
 * message, keyword terms, numeric points), so a query matches here exactly when a search would find
 * the event. Only what the current queries read is added: the fields they name ({@link #fields}),
 * as inverted terms and points, never doc values or the stored source.
 *
 * <p>Not thread-safe: owned by the hub thread.
 */
final class EventMatcher {
  private static final Logger log = LoggerFactory.getLogger(EventMatcher.class);
  private static final byte[] NO_SOURCE = new byte[0];

  /** Memory a MemoryIndex keeps for the next event: a few blocks, enough for one log event. */
  static final long REUSED_BYTES = 1 << 20;

  private final EventDocument document = new EventDocument();
  private final Analyzer analyzer = new LogAnalyzer();
  private final MemoryIndex index = recyclingIndex();
  private IndexSearcher searcher;

  /**
   * A MemoryIndex that keeps up to {@link #REUSED_BYTES} of its memory blocks across {@link
   * MemoryIndex#reset()}. The public constructors keep none, so every event would allocate and zero
   * fresh 32 KiB byte and int blocks (most of the matching time, see bench TailHubBenchmark); the
   * constructor that takes the limit is package-private ("expert"), hence reflection, with the
   * public constructor as the fallback.
   */
  static MemoryIndex recyclingIndex() {
    try {
      Constructor<MemoryIndex> c =
          MemoryIndex.class.getDeclaredConstructor(boolean.class, boolean.class, long.class);
      c.setAccessible(true);
      return c.newInstance(false, false, REUSED_BYTES);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("MemoryIndex block reuse unavailable; live tail matching allocates more", e);
      return new MemoryIndex();
    }
  }

  /** The fields {@code query} reads, negated clauses included. */
  static Set<String> fields(Query query) {
    Set<String> fields = new HashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return true;
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this; // the default skips MUST_NOT clauses, whose fields matter too
          }
        });
    return fields;
  }

  /**
   * Makes {@code event} the one document later {@link #matches} calls test, with {@code fields}.
   */
  void load(long seq, LogEvent event, Set<String> fields) {
    index.reset();
    long millis = event.timestamp().toEpochMilli();
    for (IndexableField f : document.build(seq, millis, event, NO_SOURCE, 0, 0)) {
      IndexableFieldType type = f.fieldType();
      if ((type.indexOptions() != IndexOptions.NONE || type.pointDimensionCount() > 0)
          && fields.contains(f.name())) {
        index.addField(f, analyzer);
      }
    }
    searcher = index.createSearcher();
  }

  /** True when the loaded event matches {@code query}. */
  boolean matches(Query query) throws IOException {
    return searcher.count(query) > 0;
  }
}
