package outpost.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.Map;
import outpost.index.Schema;
import outpost.ingest.access.AccessLogExtractor;

/**
 * Fuzzes the access-log extractor: any line yields nothing or an entry whose numeric fields are
 * decimal longs; nothing throws.
 */
class AccessLogExtractorFuzzTest {
  private static final AccessLogExtractor EXTRACTOR = new AccessLogExtractor();

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({
    "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] ",
    "GET /a.gif HTTP/1.0",
    "200 2326 ",
    "http://example.com/",
    "Mozilla/5.0",
    " 1234"
  })
  void extractsOrIgnoresAnyLine(FuzzedDataProvider data) {
    String line = data.consumeRemainingAsString();
    Map<String, String> fields = new HashMap<>();
    EXTRACTOR.extract(line).ifPresent(entry -> entry.addTo(fields));
    for (String numeric : Schema.NUMERIC_FIELDS) {
      String value = fields.get(numeric);
      if (value != null) {
        assertThatCode(() -> Long.parseLong(value))
            .as("%s=%s", numeric, value)
            .doesNotThrowAnyException();
      }
    }
    assertThat(fields.keySet()).doesNotContainNull();
  }
}
