package outpost.bench;

import java.util.regex.Pattern;
import outpost.index.IndexMetrics;
import outpost.ingest.IngestMetrics;

/**
 * The server meters the benchmark reads, as Micrometer names from the modules that own them, and
 * the rule to find their Prometheus names: snake case, an optional base-unit suffix, and {@code
 * _total} for counters. Stateless.
 */
final class Meters {
  static final String ACCEPTED = IngestMetrics.ACCEPTED;
  static final String RECEIVED = IngestMetrics.MESSAGES;
  static final String DROPPED = IngestMetrics.DROPPED;
  static final String PARSE_ERRORS = IngestMetrics.PARSE_ERRORS;
  static final String INDEXED = IndexMetrics.INDEX_DOCUMENTS;
  static final String INDEX_LAG = IndexMetrics.INDEX_LAG;
  static final String JOURNAL_FSYNC = IndexMetrics.JOURNAL_FSYNC;
  static final String TRANSPORT_TAG = "transport";

  private Meters() {}

  /**
   * The Prometheus name under which {@code micrometerName} appears in {@code scrape}, e.g. {@code
   * outpost_ingest_accepted_messages_total} for {@code outpost.ingest.accepted}; the plain snake
   * case name when the scrape does not (yet) hold it.
   */
  static String prometheusName(Metrics scrape, String micrometerName) {
    String snake = micrometerName.replace('.', '_');
    Pattern p = Pattern.compile(Pattern.quote(snake) + "(_[a-z]+)?(_total)?");
    return scrape.names(snake).stream()
        .filter(n -> p.matcher(n).matches())
        .findFirst()
        .orElse(snake);
  }

  /** The sum of all series of a meter. */
  static double sum(Metrics scrape, String micrometerName) {
    return scrape.sum(prometheusName(scrape, micrometerName));
  }

  /** The sum of a meter's series for one transport ({@code tcp}, {@code udp}). */
  static double sum(Metrics scrape, String micrometerName, String transport) {
    return scrape.sum(prometheusName(scrape, micrometerName), TRANSPORT_TAG, transport);
  }
}
