package outpost.index.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What a query looks for, per field: exact terms, term automata (wildcards, prefixes, ranges of
 * terms) and long ranges (numeric fields). Clauses under a {@code MUST_NOT} are skipped: they say
 * what a hit does not contain. Built by one thread with {@link #of}, read-only afterwards.
 */
final class QueryTerms {
  /** Inclusive range of a numeric field. */
  record LongRange(long min, long max) {
    boolean contains(long v) {
      return v >= min && v <= max;
    }
  }

  final Map<String, Set<BytesRef>> terms = new HashMap<>();
  final Map<String, List<ByteRunAutomaton>> automata = new HashMap<>();
  final Map<String, List<LongRange>> ranges = new HashMap<>();

  private QueryTerms() {}

  static QueryTerms of(Query query) {
    QueryTerms t = new QueryTerms();
    query.visit(t.new Collector());
    return t;
  }

  boolean mentions(String field) {
    return terms.containsKey(field) || automata.containsKey(field) || ranges.containsKey(field);
  }

  /** Whether the term {@code utf8} of {@code field} is one the query looks for. */
  boolean matches(String field, BytesRef utf8) {
    Set<BytesRef> exact = terms.get(field);
    if (exact != null && exact.contains(utf8)) {
      return true;
    }
    for (ByteRunAutomaton a : automata.getOrDefault(field, List.of())) {
      if (a.run(utf8.bytes, utf8.offset, utf8.length)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code value} lies in a range the query gives for {@code field}. */
  boolean inRange(String field, long value) {
    for (LongRange r : ranges.getOrDefault(field, List.of())) {
      if (r.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** Records what each positive leaf query looks for. */
  private final class Collector extends QueryVisitor {
    @Override
    public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
      return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
    }

    @Override
    public void consumeTerms(Query query, Term... queryTerms) {
      for (Term t : queryTerms) {
        terms.computeIfAbsent(t.field(), f -> new HashSet<>()).add(BytesRef.deepCopyOf(t.bytes()));
      }
    }

    @Override
    public void consumeTermsMatching(
        Query query, String field, Supplier<ByteRunAutomaton> automaton) {
      automata.computeIfAbsent(field, f -> new ArrayList<>()).add(automaton.get());
    }

    @Override
    public void visitLeaf(Query query) {
      if (query instanceof PointRangeQuery p
          && p.getNumDims() == 1
          && p.getBytesPerDim() == Long.BYTES) {
        long min = LongPoint.decodeDimension(p.getLowerPoint(), 0);
        long max = LongPoint.decodeDimension(p.getUpperPoint(), 0);
        ranges.computeIfAbsent(p.getField(), f -> new ArrayList<>()).add(new LongRange(min, max));
      }
    }
  }
}
