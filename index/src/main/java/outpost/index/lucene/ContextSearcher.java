package outpost.index.lucene;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.Schema;
import outpost.index.StoredEvent;

/**
 * Finds an event by id and the events next to it from the same host (and app), by position (indexed
 * time, then id), across day partitions. Thread-safe; holds no searcher between calls.
 */
public final class ContextSearcher {
  /** Oldest first, then lowest id first: the reverse of {@link IndexFields#NEWEST_FIRST}. */
  static final Sort OLDEST_FIRST =
      new Sort(
          new SortField(Schema.TIMESTAMP, SortField.Type.LONG, false),
          new SortField(IndexFields.ID, SortField.Type.LONG, false));

  private final Partitions partitions;

  public ContextSearcher(Partitions partitions) {
    this.partitions = partitions;
  }

  /** The anchor's position, event and the keyword values its neighbours must share. */
  private record Anchor(long millis, long id, StoredEvent event, BytesRef host, BytesRef app) {}

  /** See {@link outpost.index.LogSearch#context}. */
  public Optional<EventContext> context(ContextRequest r) throws IOException {
    Anchor anchor = find(r.id(), PartitionSearcher.millis(r.timestamp(), false));
    if (anchor == null) {
      return Optional.empty();
    }
    BooleanQuery.Builder same = new BooleanQuery.Builder();
    same.add(keyword(Schema.HOST, anchor.host()), Occur.FILTER);
    if (r.sameApp()) {
      same.add(keyword(Schema.APP, anchor.app()), Occur.FILTER);
    }
    Query neighbours = same.build();
    return Optional.of(
        new EventContext(
            anchor.event(),
            before(anchor, neighbours, r.before()),
            after(anchor, neighbours, r.after())));
  }

  /** Documents whose {@code field} is exactly {@code value}; without the field when null. */
  private static Query keyword(String field, BytesRef value) {
    if (value != null) {
      return new TermQuery(new Term(field, value));
    }
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.MUST)
        .add(new FieldExistsQuery(field), Occur.MUST_NOT)
        .build();
  }

  /**
   * Looks for the id at the hinted millisecond first (where nearly every event is indexed), then
   * anywhere in the hinted day and the days next to it (an event indexed under its receive time),
   * then in every other day, newest first (a sender whose clock was far off).
   */
  private Anchor find(long id, long hintMillis) throws IOException {
    Query byId = NumericDocValuesField.newSlowExactQuery(IndexFields.ID, id);
    LocalDate hintDay = DayWalk.day(hintMillis);
    Query exact =
        new BooleanQuery.Builder()
            .add(LongPoint.newExactQuery(Schema.TIMESTAMP, hintMillis), Occur.FILTER)
            .add(byId, Occur.FILTER)
            .build();
    Anchor[] found = {null};
    DayWalk.visitOne(partitions, hintDay, (day, s) -> (found[0] = anchor(s, exact)) == null);
    if (found[0] != null) {
      return found[0];
    }
    Set<LocalDate> days = new LinkedHashSet<>();
    days.add(hintDay);
    days.add(hintDay.minusDays(1));
    days.add(hintDay.plusDays(1));
    days.addAll(partitions.daysNewestFirst(LocalDate.MIN, LocalDate.MAX));
    DayWalk.walk(partitions, List.copyOf(days), (day, s) -> (found[0] = anchor(s, byId)) == null);
    return found[0];
  }

  private static Anchor anchor(IndexSearcher s, Query q) throws IOException {
    TopFieldDocs top = s.search(q, new TopFieldCollectorManager(IndexFields.NEWEST_FIRST, 1, 1));
    if (top.scoreDocs.length == 0) {
      return null;
    }
    FieldDoc fd = (FieldDoc) top.scoreDocs[0];
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(fd.doc, leaves));
    int doc = fd.doc - leaf.docBase;
    long id = (Long) fd.fields[1];
    return new Anchor(
        (Long) fd.fields[0],
        id,
        new StoredEvent(id, StoredSource.load(s.storedFields(), fd.doc)),
        keywordValue(leaf.reader(), Schema.HOST, doc),
        keywordValue(leaf.reader(), Schema.APP, doc));
  }

  private static BytesRef keywordValue(LeafReader reader, String field, int doc)
      throws IOException {
    SortedDocValues values = reader.getSortedDocValues(field);
    if (values == null || !values.advanceExact(doc)) {
      return null;
    }
    return BytesRef.deepCopyOf(values.lookupOrd(values.ordValue()));
  }

  /** The {@code n} events just before the anchor, oldest first. */
  private List<StoredEvent> before(Anchor a, Query neighbours, int n) throws IOException {
    List<StoredEvent> out = new ArrayList<>(n);
    if (n > 0) {
      Query q = PartitionSearcher.within(neighbours, Long.MIN_VALUE / 2, a.millis() + 1);
      FieldDoc after =
          new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {a.millis(), a.id()});
      List<LocalDate> days = partitions.daysNewestFirst(LocalDate.MIN, DayWalk.day(a.millis()));
      DayWalk.walk(
          partitions, days, (day, s) -> collect(s, q, IndexFields.NEWEST_FIRST, after, n, out));
    }
    return out.reversed();
  }

  /** The {@code n} events just after the anchor, oldest first. */
  private List<StoredEvent> after(Anchor a, Query neighbours, int n) throws IOException {
    List<StoredEvent> out = new ArrayList<>(n);
    if (n > 0) {
      Query q = PartitionSearcher.within(neighbours, a.millis(), Long.MAX_VALUE / 2);
      FieldDoc after =
          new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {a.millis(), a.id()});
      DayWalk.oldestFirstFrom(
          partitions,
          DayWalk.day(a.millis()),
          (day, s) -> collect(s, q, OLDEST_FIRST, after, n, out));
    }
    return out;
  }

  /**
   * Adds up to {@code n - out.size()} hits after {@code after} in {@code sort} order; returns
   * whether more are needed. Equal sort values never occur ((millis, id) is unique), so the doc id
   * of {@code after} plays no part.
   */
  private static boolean collect(
      IndexSearcher s, Query q, Sort sort, FieldDoc after, int n, List<StoredEvent> out)
      throws IOException {
    int wanted = n - out.size();
    TopFieldDocs top = s.search(q, new TopFieldCollectorManager(sort, wanted, after, wanted));
    var stored = s.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      FieldDoc fd = (FieldDoc) sd;
      out.add(new StoredEvent((Long) fd.fields[1], StoredSource.load(stored, fd.doc)));
    }
    return out.size() < n;
  }
}
