package outpost.index.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.lucene.IndexFields;

/**
 * Turns a query parsed by Outpost's {@code LogQueryParser} into the OpenSearch query DSL, clause by
 * clause, so both stores give the same answer to the same text: the parser already applied
 * Outpost's syntax (default field {@code message}, AND between terms, {@code field:>N} ranges,
 * {@code /} as a plain character, numeric fields as longs, split terms as phrases) and the {@code
 * message} analyzer, and the index analyzes {@code message} with a pattern tokenizer equal to the
 * Lucene one, so each term here is a term there. A query on {@code path} also matches its value
 * without the query string ({@link EventJson#PATH_BASE}), as the Lucene store indexes both.
 *
 * <p>Why not {@code query_string}: OpenSearch's parser differs in the details Outpost adds (slash
 * handling, numeric comparisons, the path variant) and would analyze the text a second time.
 * Stateless.
 */
final class QueryTranslator {
  private QueryTranslator() {}

  /**
   * Fields without terms in the Lucene store (points and doc values only): term-like queries on
   * them match nothing there, while OpenSearch would parse the text as a number or refuse it.
   */
  private static final Set<String> WITHOUT_TERMS =
      Set.of(
          Schema.STATUS,
          Schema.BYTES,
          Schema.DURATION,
          IndexFields.SEVERITY_CODE,
          Schema.TIMESTAMP,
          EventJson.ID);

  static ObjectNode translate(Query q) {
    if (q instanceof MultiTermQuery || q instanceof TermQuery) {
      String field =
          q instanceof TermQuery t ? t.getTerm().field() : ((MultiTermQuery) q).getField();
      if (WITHOUT_TERMS.contains(field)) {
        return node().set("match_none", node());
      }
    }
    return switch (q) {
      case MatchAllDocsQuery m -> node().set("match_all", node());
      case MatchNoDocsQuery m -> node().set("match_none", node());
      case BoostQuery b -> translate(b.getQuery());
      case ConstantScoreQuery c -> translate(c.getQuery());
      case BooleanQuery b -> bool(b);
      case TermQuery t -> onField(t.getTerm().field(), f -> leaf("term", f, t.getTerm().text()));
      case PhraseQuery p -> phrase(p);
      case PointRangeQuery r -> range(r);
      case WildcardQuery w ->
          onField(
              w.getField(),
              f -> {
                ObjectNode n = node();
                n.putObject("wildcard").putObject(f).put("value", w.getTerm().text());
                return n;
              });
      case PrefixQuery p -> onField(p.getField(), f -> leaf("prefix", f, p.getPrefix().text()));
      case RegexpQuery r -> onField(r.getField(), f -> leaf("regexp", f, r.getRegexp().text()));
      case FuzzyQuery z -> fuzzy(z);
      case TermRangeQuery r -> termRange(r);
      default ->
          throw new QueryException(
              "query part '" + q + "' is not supported by the OpenSearch store");
    };
  }

  private static ObjectNode node() {
    return ClusterClient.JSON.createObjectNode();
  }

  private static ObjectNode leaf(String kind, String field, String value) {
    ObjectNode n = node();
    n.putObject(kind).put(field, value);
    return n;
  }

  /** The same query on {@code path} and on its variant without the query string. */
  private static ObjectNode onField(
      String field, java.util.function.Function<String, ObjectNode> q) {
    if (!field.equals(Schema.PATH)) {
      return q.apply(field);
    }
    ObjectNode n = node();
    ArrayNode should = n.putObject("bool").putArray("should");
    should.add(q.apply(field));
    should.add(q.apply(EventJson.PATH_BASE));
    return n;
  }

  private static ObjectNode bool(BooleanQuery b) {
    ObjectNode n = node();
    ObjectNode bool = n.putObject("bool");
    boolean hasShould = false;
    boolean hasRequired = false;
    for (BooleanClause c : b.clauses()) {
      String occur =
          switch (c.occur()) {
            case MUST -> "must";
            case FILTER -> "filter";
            case SHOULD -> "should";
            case MUST_NOT -> "must_not";
          };
      hasShould |= c.occur() == BooleanClause.Occur.SHOULD;
      hasRequired |= c.isRequired();
      bool.withArray(occur).add(translate(c.query()));
    }
    int min = b.getMinimumNumberShouldMatch();
    if (min > 0) {
      bool.put("minimum_should_match", min);
    } else if (hasShould && !hasRequired) {
      bool.put("minimum_should_match", 1); // Lucene: a pure should/must_not query needs one
    } else if (hasShould) {
      bool.put("minimum_should_match", 0);
    }
    if (!hasShould && !hasRequired) {
      return node().set("match_none", node()); // as in Lucene, only must_not clauses match nothing
    }
    return n;
  }

  private static ObjectNode phrase(PhraseQuery p) {
    Term[] terms = p.getTerms();
    if (terms.length == 0) {
      return node().set("match_none", node());
    }
    String field = terms[0].field();
    StringBuilder text = new StringBuilder();
    for (Term t : terms) {
      text.append(text.isEmpty() ? "" : " ").append(t.text());
    }
    return onField(
        field,
        f -> {
          ObjectNode n = node();
          ObjectNode m = n.putObject("match_phrase").putObject(f);
          m.put("query", text.toString());
          if (p.getSlop() > 0) {
            m.put("slop", p.getSlop());
          }
          return n;
        });
  }

  private static ObjectNode range(PointRangeQuery r) {
    if (r.getNumDims() != 1 || r.getBytesPerDim() != Long.BYTES) {
      throw new QueryException("query part '" + r + "' is not supported by the OpenSearch store");
    }
    long low = LongPoint.decodeDimension(r.getLowerPoint(), 0);
    long high = LongPoint.decodeDimension(r.getUpperPoint(), 0);
    ObjectNode n = node();
    ObjectNode f = n.putObject("range").putObject(r.getField());
    if (low != Long.MIN_VALUE) {
      f.put("gte", low);
    }
    if (high != Long.MAX_VALUE) {
      f.put("lte", high);
    }
    return n;
  }

  private static ObjectNode fuzzy(FuzzyQuery z) {
    return onField(
        z.getField(),
        f -> {
          ObjectNode n = node();
          ObjectNode o = n.putObject("fuzzy").putObject(f);
          o.put("value", z.getTerm().text());
          o.put("fuzziness", z.getMaxEdits());
          o.put("prefix_length", z.getPrefixLength());
          o.put("transpositions", z.getTranspositions());
          return n;
        });
  }

  private static ObjectNode termRange(TermRangeQuery r) {
    return onField(
        r.getField(),
        f -> {
          ObjectNode n = node();
          ObjectNode o = n.putObject("range").putObject(f);
          if (r.getLowerTerm() != null) {
            o.put(r.includesLower() ? "gte" : "gt", r.getLowerTerm().utf8ToString());
          }
          if (r.getUpperTerm() != null) {
            o.put(r.includesUpper() ? "lte" : "lt", r.getUpperTerm().utf8ToString());
          }
          return n;
        });
  }
}
