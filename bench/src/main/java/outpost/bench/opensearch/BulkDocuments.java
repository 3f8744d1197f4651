package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import outpost.bench.Corpus;
import outpost.index.LogEvent;
import outpost.index.Schema;
import outpost.index.Syslog;
import outpost.index.Transport;
import outpost.ingest.FrameSource;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;

/**
 * The corpus as the JSON documents a plain OpenSearch user would index: each message decoded once
 * by Outpost's own decoder (syslog header and access-log fields, so both sides hold the same
 * fields), written as one JSON object per corpus line with a placeholder timestamp, and the
 * explicit mapping for them. Immutable and thread-safe.
 */
final class BulkDocuments {
  /**
   * The index the direct contender writes: one shard, no replica (a single node cannot hold one),
   * everything else default (refresh every 1 s, LZ4 stored fields, no index sort). Keywords cut at
   * 1024 chars as Outpost's; the message is {@code text} with the standard analyzer; status, bytes
   * and duration are longs; fields not mapped here stay in {@code _source} only.
   */
  static final String INDEX_BODY =
      """
      {"settings":{"index":{"number_of_shards":1,"number_of_replicas":0}},
       "mappings":{"dynamic":false,"properties":{
        "@timestamp":{"type":"date"},
        "host":{"type":"keyword"},"app":{"type":"keyword"},"procid":{"type":"keyword"},
        "msgid":{"type":"keyword"},"facility":{"type":"keyword"},"severity":{"type":"keyword"},
        "message":{"type":"text"},
        "client_ip":{"type":"keyword","ignore_above":1024},
        "user":{"type":"keyword","ignore_above":1024},
        "method":{"type":"keyword","ignore_above":1024},
        "path":{"type":"keyword","ignore_above":1024},
        "protocol":{"type":"keyword","ignore_above":1024},
        "referer":{"type":"keyword","ignore_above":1024},
        "user_agent":{"type":"keyword","ignore_above":1024},
        "vhost":{"type":"keyword","ignore_above":1024},
        "status":{"type":"long"},"bytes":{"type":"long"},"duration":{"type":"long"}}}}
      """;

  /** Stands for the timestamp in a document until it is sent; no corpus line contains it. */
  private static final String PLACEHOLDER = "@@outpost-bench-timestamp@@";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String[] before;
  private final String[] after;

  private BulkDocuments(String[] before, String[] after) {
    this.before = before;
    this.after = after;
  }

  /** Decodes every corpus message and renders its document. */
  static BulkDocuments of(Corpus corpus) {
    SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());
    Instant now = Instant.now();
    FrameSource source = new FrameSource(Transport.TCP, "127.0.0.1", now, 0);
    int n = corpus.size();
    String[] before = new String[n];
    String[] after = new String[n];
    for (int i = 0; i < n; i++) {
      byte[] frame = corpus.message(i, now).getBytes(StandardCharsets.UTF_8);
      LogEvent event = decoder.decode(frame, source);
      if (event.unparsed()) {
        throw new IllegalStateException(
            "corpus line " + (i + 1) + " did not decode: " + event.parseError());
      }
      String doc = document(event);
      String quoted = '"' + PLACEHOLDER + '"';
      int at = doc.indexOf(quoted);
      before[i] = doc.substring(0, at);
      after[i] = doc.substring(at + quoted.length());
    }
    return new BulkDocuments(before, after);
  }

  int size() {
    return before.length;
  }

  /**
   * Appends {@code count} bulk index actions starting at document {@code first} (wrapping around)
   * to {@code out}, all with {@code timestamp} (ISO-8601).
   */
  void appendBulk(StringBuilder out, long first, int count, String timestamp) {
    for (int k = 0; k < count; k++) {
      int i = (int) ((first + k) % before.length);
      out.append("{\"index\":{}}\n")
          .append(before[i])
          .append('"')
          .append(timestamp)
          .append('"')
          .append(after[i])
          .append('\n');
    }
  }

  /** The document of one event: the fields Outpost indexes, except its internal ones. */
  static String document(LogEvent event) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put(Schema.TIMESTAMP, PLACEHOLDER);
    putIfPresent(doc, Schema.HOST, event.host());
    putIfPresent(doc, Schema.APP, event.app());
    putIfPresent(doc, Schema.PROC_ID, event.procId());
    putIfPresent(doc, Schema.MSG_ID, event.msgId());
    doc.put(Schema.FACILITY, Syslog.facilityName(event.facility()));
    doc.put(Schema.SEVERITY, Syslog.severityName(event.severity()));
    doc.put(Schema.MESSAGE, event.message());
    for (Map.Entry<String, String> f : event.fields().entrySet()) {
      if (Schema.NUMERIC_FIELDS.contains(f.getKey()) && f.getValue().matches("-?\\d{1,18}")) {
        doc.put(f.getKey(), Long.parseLong(f.getValue()));
      } else if (!Schema.NUMERIC_FIELDS.contains(f.getKey())) {
        doc.put(f.getKey(), f.getValue());
      }
      // a numeric field without a number ("-" bytes) is left out, as Outpost leaves it unindexed
    }
    return doc.toString();
  }

  private static void putIfPresent(ObjectNode doc, String field, String value) {
    if (!value.isEmpty()) {
      doc.put(field, value);
    }
  }
}
