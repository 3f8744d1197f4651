package outpost.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import outpost.index.LogEvent;
import outpost.index.Schema;

class EventDocumentTest {
  private static LogEvent event(String host, Map<String, String> fields) {
    Instant ts = Instant.parse("2026-03-10T12:00:00Z");
    return new LogEvent(ts, ts, host, "app", "", "", 1, 6, "GET /a 200", "raw", fields, "tcp", "");
  }

  private static long sortedValues(List<IndexableField> doc, String name) {
    return doc.stream()
        .filter(f -> f instanceof SortedDocValuesField && f.name().equals(name))
        .count();
  }

  @Test
  void extractedFieldWithAReservedNameStaysInTheSourceOnlyEvenAfterTheFirstEvent()
      throws IOException {
    EventDocument builder = new EventDocument();
    Map<String, String> fields =
        Map.of(Schema.HOST, "spoofed", Schema.STATUS, "200", "bad name!", "x", "user", "bob");
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new LogAnalyzer()))) {
      for (int i = 1; i <= 3; i++) {
        List<IndexableField> doc = builder.build(i, 1000L * i, event("web-" + i, fields));
        assertThat(sortedValues(doc, Schema.HOST)).isEqualTo(1);
        assertThat(sortedValues(doc, "user")).isEqualTo(1);
        assertThat(doc).noneMatch(f -> f.name().equals("bad name!"));
        w.addDocument(doc); // Lucene refuses a second sorted value for host
      }
      try (DirectoryReader r = DirectoryReader.open(w)) {
        IndexSearcher s = new IndexSearcher(r);
        assertThat(s.count(new TermQuery(new Term(Schema.HOST, "web-3")))).isEqualTo(1);
        assertThat(s.count(new TermQuery(new Term(Schema.HOST, "spoofed")))).isZero();
        assertThat(s.count(new TermQuery(new Term("user", "bob")))).isEqualTo(3);
      }
    }
  }
}
