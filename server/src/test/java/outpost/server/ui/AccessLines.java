package outpost.server.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real Apache combined-log lines from the ingest module's fixture ({@code
 * ingest/src/test/resources/fixtures/apache/access_combined_elastic.log}) with their {@code [time]}
 * replaced by now, so they land in the dashboard's range. Stateless.
 */
final class AccessLines {
  private static final DateTimeFormatter APACHE_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  private AccessLines() {}

  /** The first {@code count} lines of the fixture, stamped now. */
  static List<String> firstStampedNow(int count) throws IOException {
    Path fixture =
        Screenshots.buildDir()
            .getParent()
            .getParent()
            .resolve("ingest/src/test/resources/fixtures/apache/access_combined_elastic.log");
    String now = "[" + APACHE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "]";
    try (var lines = Files.lines(fixture, StandardCharsets.UTF_8)) {
      return lines.limit(count).map(l -> l.replaceFirst("\\[[^]]+]", now)).toList();
    }
  }

  /** The request path of a combined-log line (second word of the quoted request). */
  static String path(String line) {
    int open = line.indexOf('"');
    String request = line.substring(open + 1, line.indexOf('"', open + 1));
    return request.split(" ")[1];
  }

  /** How often each path occurs in {@code lines}. */
  static Map<String, Long> pathCounts(List<String> lines) {
    return lines.stream().collect(Collectors.groupingBy(AccessLines::path, Collectors.counting()));
  }

  /** The one path that occurs most often; fails when several tie, as the test needs one. */
  static Map.Entry<String, Long> topPath(List<String> lines) {
    Map<String, Long> counts = pathCounts(lines);
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    List<String> top =
        counts.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey).toList();
    if (top.size() != 1) {
      throw new IllegalStateException("paths tie for the top count " + max + ": " + top);
    }
    return Map.entry(top.get(0), max);
  }
}
