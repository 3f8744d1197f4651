package outpost.ingest.syslog;

import java.util.Map;

/**
 * Reads RFC 5424 STRUCTURED-DATA (section 6.3) into fields named {@code sd.<SD-ID>.<PARAM-NAME>}.
 * Stateless and thread-safe.
 *
 * <p>Field naming: dots are plain characters in Lucene field names, so {@code
 * sd.exampleSDID@32473.iut:3} is a valid query. An SD-ELEMENT without parameters is recorded as
 * {@code sd.<SD-ID>} = {@code true}. A PARAM-NAME repeated within the frame (allowed by section
 * 6.3.3) joins its values with {@code ", "}. Duplicate SD-IDs (forbidden by section 6.3.2) are
 * accepted and merged, as rsyslog does.
 *
 * <p>Leniency: an unescaped {@code ]} inside a quoted PARAM-VALUE is accepted (it cannot end the
 * element there); an unescaped {@code "} still ends the value, as it must.
 */
final class StructuredDataParser {
  /** SD-NAME is 1*32 PRINTUSASCII (section 6.3.2, 6.3.3). */
  static final int MAX_SD_NAME_LENGTH = 32;

  /** Caps fields per frame, so one hostile frame cannot create thousands of index fields. */
  static final int MAX_SD_PARAMS = 64;

  static final String PREFIX = "sd.";

  private final Map<String, String> fields;
  private int values;

  private StructuredDataParser(Map<String, String> fields) {
    this.fields = fields;
  }

  /**
   * Parses the elements starting at {@code p} (which holds {@code '['}) into {@code fields}.
   *
   * @return the index just after the last element
   * @throws ParseFailure for a malformed element
   */
  static int parse(String s, int p, Map<String, String> fields) {
    return new StructuredDataParser(fields).elements(s, p);
  }

  private int elements(String s, int p) {
    int n = s.length();
    while (p < n && s.charAt(p) == '[') {
      int idEnd = name(s, p + 1, "SD-ID");
      String id = s.substring(p + 1, idEnd);
      p = idEnd;
      boolean anyParam = false;
      while (p < n && s.charAt(p) == ' ') {
        int nameEnd = name(s, p + 1, "PARAM-NAME");
        String param = s.substring(p + 1, nameEnd);
        p = nameEnd;
        expect(s, p, '=', "'=' after PARAM-NAME " + param);
        expect(s, p + 1, '"', "'\"' to open the value of " + param);
        p = value(s, p + 2, PREFIX + id + "." + param);
        anyParam = true;
      }
      expect(s, p, ']', "']' to close SD-ELEMENT " + id);
      p++;
      if (!anyParam && ++values <= MAX_SD_PARAMS) {
        fields.putIfAbsent(PREFIX + id, "true");
      }
    }
    return p;
  }

  private static int name(String s, int p, String what) {
    int q = p;
    int n = s.length();
    while (q < n) {
      char c = s.charAt(q);
      // SD-NAME: PRINTUSASCII except '=', SP, ']', '"' (section 6)
      if (c <= ' ' || c > '~' || c == '=' || c == ']' || c == '"') {
        break;
      }
      q++;
    }
    if (q == p) {
      if (q >= n) {
        throw new ParseFailure("STRUCTURED-DATA ends where " + what + " was expected");
      }
      throw new ParseFailure("empty " + what + " in STRUCTURED-DATA at '" + s.charAt(q) + "'");
    }
    if (q - p > MAX_SD_NAME_LENGTH) {
      throw new ParseFailure(what + " length " + (q - p) + " exceeds limit " + MAX_SD_NAME_LENGTH);
    }
    return q;
  }

  /** Reads PARAM-VALUE up to its closing quote, undoing the escapes of section 6.3.3. */
  private int value(String s, int p, String key) {
    int n = s.length();
    StringBuilder decoded = null;
    int runStart = p;
    int q = p;
    while (q < n) {
      char c = s.charAt(q);
      if (c == '"') {
        String value =
            decoded == null ? s.substring(p, q) : decoded.append(s, runStart, q).toString();
        put(key, value);
        return q + 1;
      }
      if (c == '\\' && q + 1 < n) {
        char next = s.charAt(q + 1);
        // only \" \\ \] are escapes; any other backslash is kept as is (section 6.3.3)
        if (next == '"' || next == '\\' || next == ']') {
          if (decoded == null) {
            decoded = new StringBuilder(q - p + 16);
          }
          decoded.append(s, runStart, q).append(next);
          q += 2;
          runStart = q;
          continue;
        }
      }
      q++;
    }
    throw new ParseFailure("unterminated PARAM-VALUE of " + key.substring(PREFIX.length()));
  }

  /** Counts every value, repeated names included, so a hostile frame cannot grow one value. */
  private void put(String key, String value) {
    if (++values > MAX_SD_PARAMS) {
      return;
    }
    String old = fields.putIfAbsent(key, value);
    if (old != null) {
      fields.put(key, old + ", " + value);
    }
  }

  private static void expect(String s, int p, char wanted, String what) {
    if (p >= s.length()) {
      throw new ParseFailure("STRUCTURED-DATA ends where " + what + " was expected");
    }
    if (s.charAt(p) != wanted) {
      throw new ParseFailure(
          "STRUCTURED-DATA has '" + s.charAt(p) + "' where " + what + " was expected");
    }
  }
}
