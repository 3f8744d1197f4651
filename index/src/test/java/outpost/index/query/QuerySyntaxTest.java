package outpost.index.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuerySyntaxTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/wp-login.php|\\/wp-login.php",
        "\"/a/b\" /c|\"/a/b\" \\/c",
        "bytes:>1000|bytes:{1000 TO *]",
        "bytes:>=1000|bytes:[1000 TO *]",
        "status:<500 AND x|status:[* TO 500} AND x",
        "status:<=499|status:[* TO 499]",
        "\"a:>1\"|\"a:>1\"",
        "already\\/escaped|already\\/escaped",
      })
  void rewrites(String in, String out) {
    assertThat(QuerySyntax.rewrite(in)).isEqualTo(out);
  }
}
