package outpost.index.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites user query text before the Lucene parser sees it, outside quoted phrases only: an
 * unescaped {@code /} is escaped (so {@code /wp-login.php} is a term, not a regular expression),
 * and {@code field:>N}, {@code >=}, {@code <}, {@code <=} become ranges. Stateless.
 */
public final class QuerySyntax {
  private static final Pattern COMPARISON =
      Pattern.compile("([A-Za-z_@][\\w.@-]*):(>=|<=|>|<)([^\\s()\\[\\]{}]+)");

  private QuerySyntax() {}

  /** Returns {@code query} rewritten as described above. */
  public static String rewrite(String query) {
    StringBuilder out = new StringBuilder(query.length() + 8);
    StringBuilder plain = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\' && i + 1 < query.length()) {
        (quoted ? out : plain).append(c).append(query.charAt(++i));
        continue;
      }
      if (c == '"') {
        if (!quoted) {
          out.append(rewritePlain(plain.toString()));
          plain.setLength(0);
        }
        out.append(c);
        quoted = !quoted;
        continue;
      }
      (quoted ? out : plain).append(c);
    }
    out.append(rewritePlain(plain.toString()));
    return out.toString();
  }

  private static String rewritePlain(String text) {
    Matcher m = COMPARISON.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String field = m.group(1);
      String value = m.group(3);
      String range =
          switch (m.group(2)) {
            case ">" -> field + ":{" + value + " TO *]";
            case ">=" -> field + ":[" + value + " TO *]";
            case "<" -> field + ":[* TO " + value + "}";
            default -> field + ":[* TO " + value + "]";
          };
      m.appendReplacement(sb, Matcher.quoteReplacement(range));
    }
    m.appendTail(sb);
    return escapeSlashes(sb.toString());
  }

  private static String escapeSlashes(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        sb.append(c).append(text.charAt(++i));
      } else if (c == '/') {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
