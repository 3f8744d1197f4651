package outpost.web.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/**
 * Makes Jackson write {@code < > & '} as {@code \u003C}-style escapes, so no JSON response ever
 * contains markup from a log line, even if a browser were to sniff it as HTML or a page embedded
 * it. Defence in depth next to {@code nosniff} and the JSON content type. Immutable.
 */
public final class HtmlSafeEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;

  private final int[] escapes;

  public HtmlSafeEscapes() {
    escapes = standardAsciiEscapesForJSON();
    for (char c : new char[] {'<', '>', '&', '\''}) {
      escapes[c] = ESCAPE_STANDARD;
    }
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return escapes.clone();
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return null;
  }
}
