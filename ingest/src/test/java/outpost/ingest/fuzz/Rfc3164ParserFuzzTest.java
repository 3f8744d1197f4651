package outpost.ingest.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the RFC 3164 (BSD) parser: inputs with or without PRI, never followed by an RFC 5424
 * version; see {@link ParserInvariants} for what must hold.
 */
class Rfc3164ParserFuzzTest {

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({"Nov 23 10:00:00 ", "Feb  9 ", "2026-11-23T10:00:00Z ", "app[123]: ", ": "})
  void neverThrowsAndKeepsTheRawText(FuzzedDataProvider data) {
    String pri = data.consumeBoolean() ? "<" + data.consumeInt(0, 999) + ">" : "";
    String rest = data.consumeRemainingAsString();
    if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
      rest = "x" + rest; // a digit after PRI would be an RFC 5424 version
    }
    ParserInvariants.check(pri + rest);
  }
}
