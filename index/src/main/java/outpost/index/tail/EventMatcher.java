package outpost.index.tail;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import outpost.index.LogEvent;
import outpost.index.lucene.EventDocument;
import outpost.index.lucene.LogAnalyzer;

/**
 * Matches one event at a time against parsed queries. The event is put into a one-document {@link
 * MemoryIndex} with exactly the fields {@link EventDocument} gives the real index (analyzed
 * message, keyword terms, numeric points), so a query matches here exactly when a search would find
 * the event. Only what queries read is added: inverted terms and points, not doc values or the
 * stored source.
 *
 * <p>Not thread-safe: owned by the hub thread.
 */
final class EventMatcher {
  private static final byte[] NO_SOURCE = new byte[0];

  private final EventDocument document = new EventDocument();
  private final Analyzer analyzer = new LogAnalyzer();
  private final MemoryIndex index = new MemoryIndex();
  private IndexSearcher searcher;

  /** Makes {@code event} the one document later {@link #matches} calls test. */
  void load(long seq, LogEvent event) {
    index.reset();
    long millis = event.timestamp().toEpochMilli();
    for (IndexableField f : document.build(seq, millis, event, NO_SOURCE, 0, 0)) {
      IndexableFieldType type = f.fieldType();
      if (type.indexOptions() != IndexOptions.NONE || type.pointDimensionCount() > 0) {
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
