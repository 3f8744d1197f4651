package outpost.index.lucene;

import java.io.IOException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import outpost.index.LogEvent;
import outpost.index.journal.ByteSource;
import outpost.index.journal.EventCodec;

/** Reads an event back from its stored {@link IndexFields#SOURCE}. Stateless; thread-safe. */
final class StoredSource {
  private StoredSource() {}

  /** The event of {@code doc} (a doc id of the reader {@code stored} belongs to). */
  static LogEvent load(StoredFields stored, int doc) throws IOException {
    SourceVisitor v = new SourceVisitor();
    stored.document(doc, v);
    if (v.bytes == null) {
      throw new IOException("document " + doc + " has no " + IndexFields.SOURCE);
    }
    return EventCodec.decode(new ByteSource(v.bytes, 0, v.bytes.length));
  }

  /** Reads only the encoded source. */
  private static final class SourceVisitor extends StoredFieldVisitor {
    byte[] bytes;

    @Override
    public Status needsField(FieldInfo fieldInfo) {
      if (bytes != null) {
        return Status.STOP;
      }
      return fieldInfo.name.equals(IndexFields.SOURCE) ? Status.YES : Status.NO;
    }

    @Override
    public void binaryField(FieldInfo fieldInfo, byte[] value) {
      bytes = value;
    }
  }
}
