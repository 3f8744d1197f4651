package outpost.index.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import outpost.index.Highlighter;
import outpost.index.Highlighter.Span;

/** Highlighting spans for the terms of parsed queries. */
class QueryHighlighterTest {
  private final LogQueryParser parser = new LogQueryParser();

  private Highlighter highlighter(String query) {
    return new QueryHighlighter(parser.parse(query));
  }

  private static List<String> marked(List<Span> spans, String value) {
    return spans.stream().map(s -> value.substring(s.start(), s.end())).toList();
  }

  @Test
  void plainTermsMatchTokensCaseInsensitively() {
    String msg = "Connection REFUSED by 10.0.0.5; refused again";
    List<Span> spans = highlighter("refused 10.0.0.5").spans("message", msg);
    assertThat(marked(spans, msg)).containsExactly("REFUSED", "10.0.0.5", "refused");
    assertThat(spans.get(0)).isEqualTo(new Span(11, 18));
  }

  @Test
  void wildcardAndPrefixTermsMatchTokens() {
    String msg = "GET /wp-login.php?redirect=1 from wordpress";
    assertThat(marked(highlighter("wp-*").spans("message", msg), msg))
        .containsExactly("wp-login.php");
    assertThat(marked(highlighter("wor?press").spans("message", msg), msg))
        .containsExactly("wordpress");
    assertThat(marked(highlighter("*.php").spans("message", msg), msg))
        .containsExactly("wp-login.php");
  }

  @Test
  void phraseWordsAreHighlightedOneByOne() {
    String msg = "a connection-refused and connection refused";
    // the tokenizer keeps "connection-refused" whole, so only the spaced pair matches the phrase
    // words, each its own span
    List<Span> spans = highlighter("\"connection refused\"").spans("message", msg);
    assertThat(marked(spans, msg)).containsExactly("connection", "refused");
    String joined = "HTTP/1.1";
    assertThat(marked(highlighter("HTTP/1.1").spans("message", joined), joined))
        .containsExactly("HTTP", "1.1");
  }

  @Test
  void negatedTermsAreNotHighlighted() {
    String msg = "error in cron, not a timeout";
    Highlighter h = highlighter("error -timeout NOT cron");
    assertThat(marked(h.spans("message", msg), msg)).containsExactly("error");
    assertThat(highlighter("host:web-1 -host:web-2").spans("host", "web-2")).isEmpty();
  }

  @Test
  void keywordFieldsMatchTheWholeValue() {
    Highlighter h = highlighter("host:web-* AND app:nginx AND path:/wp-login.php");
    assertThat(h.spans("host", "web-07")).containsExactly(new Span(0, 6));
    assertThat(h.spans("host", "db-1")).isEmpty();
    assertThat(h.spans("app", "nginx")).containsExactly(new Span(0, 5));
    assertThat(h.spans("app", "nginx2")).isEmpty();
    // the path is indexed with and without its query string
    assertThat(h.spans("path", "/wp-login.php?x=1")).containsExactly(new Span(0, 13));
    // terms of one field do not highlight another
    assertThat(h.spans("message", "web-07 nginx")).isEmpty();
  }

  @Test
  void numericFieldsMatchValuesInTheRange() {
    Highlighter h = highlighter("status:[500 TO 599] OR bytes:>1000");
    assertThat(h.spans("status", "503")).containsExactly(new Span(0, 3));
    assertThat(h.spans("status", "404")).isEmpty();
    assertThat(h.spans("bytes", "1001")).containsExactly(new Span(0, 4));
    assertThat(h.spans("bytes", "-")).isEmpty();
  }

  @Test
  void offsetsAreUtf16EvenAfterCharactersOutsideTheBmp() {
    String msg = "\uD83D\uDE00\uD83D\uDE00 gr\u00FC\u00DFe fehler \uD83D\uDE80x";
    List<Span> spans = highlighter("fehler").spans("message", msg);
    assertThat(spans).containsExactly(new Span(11, 17));
    assertThat(marked(spans, msg)).containsExactly("fehler");
    List<Span> umlaut = highlighter("GRÜßE").spans("message", msg);
    assertThat(marked(umlaut, msg)).containsExactly("gr\u00FC\u00DFe");
  }

  @Test
  void blankQueryHighlightsNothing() {
    assertThat(highlighter("").spans("message", "anything at all")).isEmpty();
    assertThat(highlighter("error").spans("message", "")).isEmpty();
  }

  @Test
  void workIsBounded() {
    String msg = "x ".repeat(40_000) + "tail";
    List<Span> spans = highlighter("x OR tail").spans("message", msg);
    assertThat(spans).hasSize(QueryHighlighter.MAX_SPANS);
    String late = "a".repeat(QueryHighlighter.MAX_CHARS) + " needle";
    assertThat(highlighter("needle").spans("message", late)).isEmpty();
  }

  @Test
  void oneHighlighterServesManyThreads() {
    Highlighter h = highlighter("refused");
    List<CompletableFuture<List<Span>>> runs =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          List<Span> last = List.of();
                          for (int n = 0; n < 500; n++) {
                            last = h.spans("message", "pad".repeat(i) + " refused " + n);
                          }
                          return last;
                        }))
            .toList();
    for (int i = 0; i < runs.size(); i++) {
      int start = 3 * i + 1;
      assertThat(runs.get(i).join()).containsExactly(new Span(start, start + 7));
    }
  }
}
