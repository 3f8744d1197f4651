package outpost.ingest.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the RFC 5424 parser: every input starts {@code <PRI>VERSION SP}, so the parser takes the
 * RFC 5424 path; see {@link ParserInvariants} for what must hold.
 */
class Rfc5424ParserFuzzTest {

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({"2026-11-23T10:00:00.123456+01:00", " - ", "[id@32473 a=", "]"})
  void neverThrowsAndKeepsTheRawText(FuzzedDataProvider data) {
    int pri = data.consumeInt(0, 999);
    int version = data.consumeInt(1, 9);
    String text = "<" + pri + ">" + version + " " + data.consumeRemainingAsString();
    ParserInvariants.check(text);
  }
}
