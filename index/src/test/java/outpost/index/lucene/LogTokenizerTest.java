package outpost.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTokenizerTest {
  static List<String> tokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (LogAnalyzer a = new LogAnalyzer();
        TokenStream ts = a.tokenStream("message", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET /wp-login.php?a=1 HTTP/1.1|get wp-login.php a 1 http 1.1",
        "from 10.0.0.5:22 port|from 10.0.0.5 22 port",
        "Connection refused.|connection refused",
        "status=404, took 1.5ms|status 404 took 1.5ms",
        "[17/May/2015:10:05:03 +0000]|17 may 2015 10 05 03 0000",
        "Zoë-Ünïcode ERROR_X --|zoë-ünïcode error_x",
      })
  void splitsLogText(String text, String expected) throws IOException {
    assertThat(String.join(" ", tokens(text))).isEqualTo(expected);
  }
}
