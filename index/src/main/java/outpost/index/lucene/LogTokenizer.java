package outpost.index.lucene;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits log text into lower-cased tokens of letters, digits and {@code _}, joined by inner {@code
 * .} or {@code -}: {@code 10.0.0.5}, {@code wp-login.php}, {@code 404} and {@code 1.1} stay whole,
 * while {@code /}, {@code ?}, {@code =}, {@code :}, quotes, brackets and spaces separate tokens. So
 * {@code GET /wp-login.php?a=1 HTTP/1.1} gives {@code get wp-login.php a 1 http 1.1}. Not
 * thread-safe (Lucene reuses one per thread).
 */
public final class LogTokenizer extends Tokenizer {
  /** Longer runs are cut into tokens of this many chars. */
  public static final int MAX_TOKEN_CHARS = 255;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private char[] text = new char[1024];
  private int length;
  private int pos;

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    pos = 0;
    int n;
    while ((n = input.read(text, length, text.length - length)) != -1) {
      length += n;
      if (length == text.length) {
        text = java.util.Arrays.copyOf(text, text.length * 2);
      }
    }
  }

  private static boolean isWordChar(char c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }

  private static boolean isJoiner(char c) {
    return c == '.' || c == '-';
  }

  @Override
  public boolean incrementToken() {
    clearAttributes();
    while (pos < length && !isWordChar(text[pos])) {
      pos++;
    }
    if (pos >= length) {
      return false;
    }
    int start = pos;
    while (pos < length && pos - start < MAX_TOKEN_CHARS) {
      char c = text[pos];
      if (isWordChar(c) || (isJoiner(c) && pos + 1 < length && isWordChar(text[pos + 1]))) {
        pos++;
      } else {
        break;
      }
    }
    char[] buf = term.resizeBuffer(pos - start);
    for (int i = start; i < pos; i++) {
      char c = text[i];
      buf[i - start] = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : lower(c);
    }
    term.setLength(pos - start);
    offset.setOffset(correctOffset(start), correctOffset(pos));
    return true;
  }

  private static char lower(char c) {
    return Character.isSurrogate(c) ? c : Character.toLowerCase(c);
  }

  @Override
  public void end() throws IOException {
    super.end();
    int end = correctOffset(length);
    offset.setOffset(end, end);
  }
}
