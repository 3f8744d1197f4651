package outpost.alerts.notify;

import java.text.Normalizer;
import java.util.Map;

/**
 * SMS text rules: the GSM 03.38 alphabet (basic table and extension table), segment counting, and
 * the conversion of any text into GSM-7 so a stray emoji or smart quote does not switch the whole
 * message to UCS-2 (70 characters per segment instead of 160). Stateless and thread-safe.
 */
public final class SmsText {
  /** Twilio's limit on a message body (characters). */
  public static final int MAX_CHARS = 1600;

  /** Septets in a single GSM-7 segment, and per segment once concatenated (UDH takes 7). */
  public static final int GSM_SINGLE = 160;

  public static final int GSM_MULTI = 153;

  /** UCS-2 code units in a single segment, and per segment once concatenated. */
  public static final int UCS2_SINGLE = 70;

  public static final int UCS2_MULTI = 67;

  /** GSM 03.38 basic character set (the escape 0x1B excluded). */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table: each costs an escape plus the character, two septets. */
  private static final String EXTENSION = "^{}\\[~]|€\f";

  private static final Map<Integer, String> TRANSLITERATIONS =
      Map.ofEntries(
          Map.entry(0x2018, "'"),
          Map.entry(0x2019, "'"),
          Map.entry(0x201A, "'"),
          Map.entry(0x201B, "'"),
          Map.entry(0x2032, "'"),
          Map.entry(0x2039, "'"),
          Map.entry(0x203A, "'"),
          Map.entry(0x201C, "\""),
          Map.entry(0x201D, "\""),
          Map.entry(0x201E, "\""),
          Map.entry(0x201F, "\""),
          Map.entry(0x2033, "\""),
          Map.entry(0x00AB, "\""),
          Map.entry(0x00BB, "\""),
          Map.entry(0x2010, "-"),
          Map.entry(0x2011, "-"),
          Map.entry(0x2012, "-"),
          Map.entry(0x2013, "-"),
          Map.entry(0x2014, "-"),
          Map.entry(0x2015, "-"),
          Map.entry(0x2212, "-"),
          Map.entry(0x2026, "..."),
          Map.entry(0x2022, "*"),
          Map.entry(0x00B7, "."),
          Map.entry(0x00D7, "x"),
          Map.entry(0x2192, "->"),
          Map.entry(0x2264, "<="),
          Map.entry(0x2265, ">="),
          Map.entry(0x00B0, "deg"),
          Map.entry(0x00E7, "c"),
          Map.entry(0x0153, "oe"),
          Map.entry(0x0152, "OE"),
          Map.entry(0x0009, " "));

  private SmsText() {}

  /** True when {@code c} is in the GSM-7 basic or extension table. */
  public static boolean isGsm(char c) {
    return BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0;
  }

  /** True when every character of {@code text} is GSM-7. */
  public static boolean isGsm(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isGsm(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Septets {@code text} takes in GSM-7 (extension characters count two); -1 if not GSM-7. */
  public static int septets(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        n++;
      } else if (EXTENSION.indexOf(c) >= 0) {
        n += 2;
      } else {
        return -1;
      }
    }
    return n;
  }

  /** Segments an SMS of {@code text} costs: GSM-7 160/153 septets, else UCS-2 70/67 units. */
  public static int segments(String text) {
    if (text.isEmpty()) {
      return 1;
    }
    int septets = septets(text);
    if (septets >= 0) {
      return septets <= GSM_SINGLE ? 1 : gsmMultiSegments(text);
    }
    int units = text.length();
    return units <= UCS2_SINGLE ? 1 : (units + UCS2_MULTI - 1) / UCS2_MULTI;
  }

  /** True when {@code text} is GSM-7 and fits one 160-septet segment. */
  public static boolean fitsOneSegment(String text) {
    int septets = septets(text);
    return septets >= 0 && septets <= GSM_SINGLE;
  }

  /**
   * {@code text} in GSM-7: characters outside the alphabet become their common look-alike (smart
   * quotes, dashes, accented letters without their accent), else {@code ?}; other control
   * characters become spaces; the result is cut to {@link #MAX_CHARS}.
   */
  public static String toGsm(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      out.append(gsmFor(cp));
    }
    return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) : out.toString();
  }

  /**
   * Cuts GSM-7 {@code text} so it takes at most {@code maxSeptets}, ending with {@code ..} when
   * cut; returns it unchanged when it fits.
   */
  public static String truncateToSeptets(String text, int maxSeptets) {
    if (septets(text) <= maxSeptets) {
      return text;
    }
    int budget = maxSeptets - 2;
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int cost = EXTENSION.indexOf(text.charAt(end)) >= 0 ? 2 : 1;
      if (used + cost > budget) {
        break;
      }
      used += cost;
      end++;
    }
    return budget <= 0 ? ".." : text.substring(0, end) + "..";
  }

  private static String gsmFor(int cp) {
    if (cp < 0x10000 && isGsm((char) cp)) {
      return String.valueOf((char) cp);
    }
    String known = TRANSLITERATIONS.get(cp);
    if (known != null) {
      return known;
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
      return " ";
    }
    // strip accents: NFD splits "ê" into "e" plus a combining circumflex
    String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        base.append(c);
      }
    }
    return !base.isEmpty() && isGsm(base.toString()) ? base.toString() : "?";
  }

  private static int gsmMultiSegments(String text) {
    // an escape pair is never split across two segments
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int cost = EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
      if (used + cost > GSM_MULTI) {
        segments++;
        used = 0;
      }
      used += cost;
    }
    return segments;
  }
}
