package outpost.index.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import outpost.index.Highlighter;
import outpost.index.Schema;
import outpost.index.lucene.EventDocument;
import outpost.index.lucene.IndexFields;
import outpost.index.lucene.LogAnalyzer;

/**
 * Highlights the positive terms of one parsed query. In {@code message} (analyzed) each token the
 * query looks for is a span (a phrase is highlighted word by word); in a keyword field the whole
 * value when it is a term the query matches (for {@code path}, also the part before {@code ?}); in
 * a numeric field the whole value when it lies in the query's range. Only the first {@link
 * #MAX_CHARS} chars of a value are looked at, and at most {@link #MAX_SPANS} spans are returned.
 * Immutable and thread-safe.
 */
public final class QueryHighlighter implements Highlighter {
  /** Chars of a value examined; the rest is never highlighted. */
  public static final int MAX_CHARS = 64 * 1024;

  /** Spans returned per value at most. */
  public static final int MAX_SPANS = 1000;

  private static final Analyzer MESSAGE_ANALYZER = new LogAnalyzer();

  private final QueryTerms terms;

  /** Highlights what {@code query} (as {@link LogQueryParser} parsed it) looks for. */
  public QueryHighlighter(Query query) {
    this.terms = QueryTerms.of(query);
  }

  @Override
  public List<Span> spans(String field, String value) {
    if (value.isEmpty() || !terms.mentions(field)) {
      return List.of();
    }
    String text = value.length() <= MAX_CHARS ? value : value.substring(0, cut(value, MAX_CHARS));
    if (field.equals(Schema.MESSAGE)) {
      return merge(tokenSpans(text));
    }
    if (IndexFields.NUMERIC_FIELDS.contains(field)) {
      return numericSpan(field, text);
    }
    return keywordSpan(field, text);
  }

  /** {@code limit}, or one less when that would split a surrogate pair. */
  private static int cut(String value, int limit) {
    return Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
  }

  private List<Span> tokenSpans(String text) {
    List<Span> spans = new ArrayList<>();
    BytesRefBuilder utf8 = new BytesRefBuilder();
    try (TokenStream ts = MESSAGE_ANALYZER.tokenStream(Schema.MESSAGE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (spans.size() < MAX_SPANS && ts.incrementToken()) {
        utf8.copyChars(term);
        if (terms.matches(Schema.MESSAGE, utf8.get())) {
          spans.add(new Span(offset.startOffset(), offset.endOffset()));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizing a string failed", e); // a StringReader does not
    }
    return spans;
  }

  /** Joins spans that touch or overlap; the input is sorted by start. */
  private static List<Span> merge(List<Span> spans) {
    List<Span> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      Span last = out.isEmpty() ? null : out.getLast();
      if (last != null && s.start() <= last.end()) {
        out.set(out.size() - 1, new Span(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private List<Span> numericSpan(String field, String text) {
    try {
      long v = Long.parseLong(text.trim());
      return terms.inRange(field, v) ? List.of(new Span(0, text.length())) : List.of();
    } catch (NumberFormatException e) {
      return List.of(); // not indexed as a number either
    }
  }

  private List<Span> keywordSpan(String field, String text) {
    if (matchesKeyword(field, text)) {
      return List.of(new Span(0, text.length()));
    }
    int q = text.indexOf('?');
    if (field.equals(Schema.PATH) && q > 0 && matchesKeyword(field, text.substring(0, q))) {
      return List.of(new Span(0, q)); // the path is also indexed without its query string
    }
    return List.of();
  }

  private boolean matchesKeyword(String field, String value) {
    String indexed =
        value.length() <= EventDocument.MAX_KEYWORD_CHARS
            ? value
            : value.substring(0, cut(value, EventDocument.MAX_KEYWORD_CHARS));
    return terms.matches(field, new BytesRef(indexed));
  }
}
