package outpost.ingest.access;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one double-quoted access-log field and undoes Apache's escapes ({@code ap_escape_logitem}):
 * {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \r}, {@code \b}, {@code \v}, {@code \f}
 * and {@code \xNN}. A run of {@code \xNN} bytes that forms valid UTF-8 becomes those characters; a
 * run that does not (Latin-1, cp1251, TLS handshakes sent to port 80) is kept as the literal
 * escapes, so no information is lost. Stateless and thread-safe.
 */
final class QuotedField {
  private QuotedField() {}

  /**
   * Finds the closing quote of the field whose opening quote is at {@code open}.
   *
   * @return index of the closing quote, or -1 when there is none
   */
  static int closingQuote(String s, int open) {
    int q = s.indexOf('"', open + 1);
    while (q > 0) {
      int backslashes = 0;
      while (s.charAt(q - 1 - backslashes) == '\\') {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return q;
      }
      // an odd run of backslashes escapes this quote
      q = s.indexOf('"', q + 1);
    }
    return -1;
  }

  /** The text between {@code open} and {@code close} with escapes undone. */
  static String value(String s, int open, int close) {
    int backslash = s.indexOf('\\', open + 1, close);
    if (backslash < 0) {
      return s.substring(open + 1, close);
    }
    StringBuilder out = new StringBuilder(close - open);
    out.append(s, open + 1, backslash);
    int q = backslash;
    while (q < close) {
      char c = s.charAt(q);
      if (c != '\\' || q + 1 >= close) {
        out.append(c);
        q++;
      } else if (s.charAt(q + 1) == 'x' && hexByte(s, q, close) >= 0) {
        q = appendHexRun(s, q, close, out);
      } else {
        out.append(unescape(s.charAt(q + 1)));
        q += 2;
      }
    }
    return out.toString();
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case 'b' -> "\b";
      case 'v' -> "\u000b";
      case 'f' -> "\f";
      case '"', '\\' -> String.valueOf(c);
      default -> "\\" + c;
    };
  }

  /** Decodes consecutive {@code \xNN} escapes from {@code q}; returns the index after them. */
  private static int appendHexRun(String s, int q, int close, StringBuilder out) {
    int start = q;
    int count = 0;
    while (hexByte(s, q, close) >= 0) {
      q += 4;
      count++;
    }
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) hexByte(s, start + 4 * i, close);
    }
    try {
      out.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes)));
    } catch (CharacterCodingException notUtf8) {
      // not UTF-8: keep Apache's escapes verbatim rather than guess a charset
      out.append(s, start, q);
    }
    return q;
  }

  private static int hexByte(String s, int q, int close) {
    if (q + 3 >= close || s.charAt(q) != '\\' || s.charAt(q + 1) != 'x') {
      return -1;
    }
    int hi = Character.digit(s.charAt(q + 2), 16);
    int lo = Character.digit(s.charAt(q + 3), 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }
}
