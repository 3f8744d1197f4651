package outpost.web.alerts;

/**
 * The TwiML answer to an inbound SMS: {@code <Response><Message>text</Message></Response>}, or an
 * empty {@code <Response/>} when there is nothing to say. The text is escaped for XML and
 * characters XML 1.0 cannot hold are dropped. Stateless.
 */
public final class Twiml {
  static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private Twiml() {}

  /** The whole document. */
  public static String reply(String text) {
    if (text == null || text.isEmpty()) {
      return PROLOG + "<Response/>";
    }
    return PROLOG + "<Response><Message>" + escape(text) + "</Message></Response>";
  }

  /** XML character data with {@code & < > " '} escaped and illegal characters removed. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                  if (legal(cp)) {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.toString();
  }

  /** XML 1.0 section 2.2, Char. */
  private static boolean legal(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || cp >= 0x20 && cp <= 0xD7FF
        || cp >= 0xE000 && cp <= 0xFFFD
        || cp >= 0x10000 && cp <= 0x10FFFF;
  }
}
