package outpost.index.query;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.lucene.IndexFields;
import outpost.index.lucene.LogAnalyzer;

/**
 * Parses the Lucene query syntax users type into queries over the store's fields. The default field
 * is {@code message}; terms are ANDed; numeric fields ({@link IndexFields#NUMERIC_FIELDS}) take
 * exact values and ranges as points; every other field is an exact keyword (wildcards allowed, also
 * leading ones). A term the analyzer splits (e.g. {@code HTTP/1.1}) becomes a phrase. See {@link
 * QuerySyntax} for the rewrites done first. Thread-safe (a parser is built per call).
 */
public final class LogQueryParser {
  private final Analyzer analyzer =
      new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(Schema.MESSAGE, new LogAnalyzer()));

  /**
   * Parses {@code query}; blank matches everything.
   *
   * @throws QueryException with the parser's reason when it does not parse
   */
  public Query parse(String query) {
    if (query.isBlank()) {
      return new MatchAllDocsQuery();
    }
    Parser parser = new Parser(analyzer);
    try {
      return parser.parse(QuerySyntax.rewrite(query));
    } catch (ParseException e) {
      throw new QueryException(firstLine(e.getMessage()), e);
    } catch (IllegalArgumentException | org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
      throw new QueryException("cannot parse '" + query + "': " + e.getMessage(), e);
    }
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The classic parser with numeric fields as points. */
  private static final class Parser extends QueryParser {
    Parser(Analyzer analyzer) {
      super(Schema.MESSAGE, analyzer);
      setDefaultOperator(QueryParser.AND_OPERATOR);
      setSplitOnWhitespace(true);
      setAutoGeneratePhraseQueries(true);
      setAllowLeadingWildcard(true);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      if (IndexFields.NUMERIC_FIELDS.contains(field)) {
        return LongPoint.newExactQuery(field, number(field, queryText));
      }
      return super.getFieldQuery(field, queryText, quoted);
    }

    /**
     * A group of only negated clauses ({@code -host:web-1}, {@code NOT method:GET}) means "all
     * events but these", as the README promises and OpenSearch's query_string does; Lucene alone
     * would match nothing.
     */
    @Override
    protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
      Query query = super.getBooleanQuery(clauses);
      if (query instanceof BooleanQuery bool
          && !bool.clauses().isEmpty()
          && bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT)) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        bool.clauses().forEach(all::add);
        return all.build();
      }
      return query;
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      if (!IndexFields.NUMERIC_FIELDS.contains(field)) {
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
      }
      long low = part1 == null ? Long.MIN_VALUE : number(field, part1);
      long high = part2 == null ? Long.MAX_VALUE : number(field, part2);
      if (!startInclusive && part1 != null) {
        low = Math.addExact(low, 1);
      }
      if (!endInclusive && part2 != null) {
        high = Math.addExact(high, -1);
      }
      return LongPoint.newRangeQuery(field, low, high);
    }

    private static long number(String field, String text) throws ParseException {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new ParseException(field + " takes whole numbers, not '" + text + "'");
      }
    }
  }
}
