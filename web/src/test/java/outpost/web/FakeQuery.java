package outpost.web;

import java.util.ArrayList;
import java.util.List;
import outpost.index.Highlighter;
import outpost.index.LogEvent;
import outpost.index.QueryException;
import outpost.index.StoredEvent;
import outpost.index.Syslog;

/**
 * The little of the Lucene syntax the fakes understand: clauses joined by {@code AND} (parentheses
 * around clauses ignored); {@code field:[lo TO hi]} (numbers or {@code *}) on {@code severity_code}
 * or a numeric extracted field; {@code field:value} exact on host, app, severity, facility or an
 * extracted field; any other clause matches events whose message contains it. Immutable.
 */
record FakeQuery(List<String> clauses) {
  static final String BAD = ":((";
  static final String FAIL = "FAIL";
  static final String FAILURE_DETAIL = "/var/secret/index is on fire";
  static final String PARSE_ERROR = "Cannot parse '((': Encountered \"<EOF>\" at line 1, column 2.";

  static FakeQuery parse(String query) {
    if (query.contains(FAIL)) {
      throw new IllegalStateException(FAILURE_DETAIL);
    }
    if (query.contains(BAD)) {
      throw new QueryException(PARSE_ERROR);
    }
    List<String> clauses = new ArrayList<>();
    for (String clause : query.split(" AND ")) {
      String c = clause.strip();
      while (c.startsWith("(")) {
        c = c.substring(1);
      }
      while (c.endsWith(")")) {
        c = c.substring(0, c.length() - 1);
      }
      if (!c.isBlank()) {
        clauses.add(c);
      }
    }
    return new FakeQuery(List.copyOf(clauses));
  }

  boolean matches(StoredEvent stored) {
    return clauses.stream().allMatch(c -> matches(stored.event(), c));
  }

  private static boolean matches(LogEvent e, String clause) {
    int colon = clause.indexOf(':');
    if (colon < 0) {
      return e.message().contains(clause);
    }
    String field = clause.substring(0, colon);
    String term = clause.substring(colon + 1);
    String value = value(e, field);
    if (term.startsWith("[") && term.endsWith("]")) {
      String[] bounds = term.substring(1, term.length() - 1).split(" TO ");
      if (value == null || value.isEmpty()) {
        return false;
      }
      long v = Long.parseLong(value);
      return (bounds[0].equals("*") || v >= Long.parseLong(bounds[0]))
          && (bounds[1].equals("*") || v <= Long.parseLong(bounds[1]));
    }
    return term.equals(value);
  }

  /** The event's value of {@code field}, null when it has none. */
  static String value(LogEvent e, String field) {
    return switch (field) {
      case "host" -> e.host();
      case "app" -> e.app();
      case "severity" -> Syslog.severityName(e.severity());
      case "facility" -> Syslog.facilityName(e.facility());
      case "severity_code" -> Integer.toString(e.severity());
      default -> e.fields().get(field);
    };
  }

  /** Every occurrence of each plain (field-less) clause in {@code value}, sorted. */
  List<Highlighter.Span> spans(String value) {
    List<Highlighter.Span> spans = new ArrayList<>();
    for (String clause : clauses) {
      if (clause.indexOf(':') >= 0) {
        continue;
      }
      for (int at = value.indexOf(clause); at >= 0; at = value.indexOf(clause, at + 1)) {
        spans.add(new Highlighter.Span(at, at + clause.length()));
      }
    }
    spans.sort(java.util.Comparator.comparingInt(Highlighter.Span::start));
    return spans;
  }
}
