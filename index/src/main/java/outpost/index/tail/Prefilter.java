package outpost.index.tail;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import outpost.index.Schema;
import outpost.index.lucene.IndexFields;

/**
 * A necessary condition for a query to match an event, checked on the event's text before the
 * costly exact match ({@link EventMatcher}): a term of {@code message} must occur in the message
 * lower-cased as {@code LogTokenizer} lower-cases it (its tokens are substrings of that), a keyword
 * term must equal the field's value, a numeric range must hold the field's number. Built from the
 * required clauses of the query (and from all of its optional ones when it has nothing required);
 * anything else (wildcards, ranges, negations) passes. A false answer is always right; a true one
 * still needs the exact match. Immutable and thread-safe.
 */
sealed interface Prefilter {
  /** False only when the event cannot match. */
  boolean mayMatch(EventText event);

  /** Passes everything. */
  Prefilter ALWAYS = new Always();

  record Always() implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      return true;
    }
  }

  record MessageContains(String term) implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      return event.loweredMessage().contains(term);
    }
  }

  record KeywordEquals(String field, String value) implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      return event.mayHaveKeyword(field, value);
    }
  }

  record NumberBetween(String field, long low, long high) implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      return event.mayHaveNumber(field, low, high);
    }
  }

  record All(List<Prefilter> parts) implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      for (Prefilter p : parts) {
        if (!p.mayMatch(event)) {
          return false;
        }
      }
      return true;
    }
  }

  record Any(List<Prefilter> parts) implements Prefilter {
    @Override
    public boolean mayMatch(EventText event) {
      for (Prefilter p : parts) {
        if (p.mayMatch(event)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The condition {@code query} implies, {@link #ALWAYS} when none is known. */
  static Prefilter of(Query query) {
    return switch (query) {
      case BoostQuery b -> of(b.getQuery());
      case ConstantScoreQuery c -> of(c.getQuery());
      case TermQuery t -> term(t.getTerm());
      case PhraseQuery p -> all(p.getTerms());
      case PointRangeQuery r -> range(r);
      case BooleanQuery b -> bool(b);
      default -> ALWAYS;
    };
  }

  private static Prefilter term(Term t) {
    if (t.field().equals(Schema.MESSAGE)) {
      return new MessageContains(t.text());
    }
    if (IndexFields.NUMERIC_FIELDS.contains(t.field())) {
      return ALWAYS; // numeric fields are points; a term on one matches nothing
    }
    return new KeywordEquals(t.field(), t.text());
  }

  /** A one-dimensional long range, as the query parser makes for numeric fields. */
  private static Prefilter range(PointRangeQuery r) {
    if (r.getNumDims() != 1
        || r.getBytesPerDim() != Long.BYTES
        || !IndexFields.NUMERIC_FIELDS.contains(r.getField())) {
      return ALWAYS;
    }
    return new NumberBetween(
        r.getField(),
        LongPoint.decodeDimension(r.getLowerPoint(), 0),
        LongPoint.decodeDimension(r.getUpperPoint(), 0));
  }

  private static Prefilter all(Term[] terms) {
    List<Prefilter> parts = new ArrayList<>();
    for (Term t : terms) {
      parts.add(term(t));
    }
    return combine(parts, true);
  }

  private static Prefilter bool(BooleanQuery b) {
    List<Prefilter> required = new ArrayList<>();
    List<Prefilter> optional = new ArrayList<>();
    for (BooleanClause c : b.clauses()) {
      switch (c.occur()) {
        case MUST, FILTER -> required.add(of(c.query()));
        case SHOULD -> optional.add(of(c.query()));
        case MUST_NOT -> {}
      }
    }
    if (!required.isEmpty()) {
      return combine(required, true);
    }
    if (optional.isEmpty() || b.getMinimumNumberShouldMatch() > 1) {
      return ALWAYS; // a pure negation matches nothing anyway; leave such cases to the match
    }
    return combine(optional, false);
  }

  private static Prefilter combine(List<Prefilter> parts, boolean all) {
    List<Prefilter> useful = new ArrayList<>();
    for (Prefilter p : parts) {
      if (p == ALWAYS) {
        if (!all) {
          return ALWAYS; // one optional clause without a condition: anything may match
        }
      } else {
        useful.add(p);
      }
    }
    if (useful.isEmpty()) {
      return ALWAYS;
    }
    return useful.size() == 1 ? useful.getFirst() : all ? new All(useful) : new Any(useful);
  }
}
