package outpost.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Makes a real Lucene partition look as if an older Lucene major had created it: rewrites the
 * "index created by major version" field of its latest {@code segments_N} and fixes the checksum in
 * the footer, which is what an index written by Lucene 8 carries. Follows the layout Lucene writes:
 * index header (magic, codec name, version, 16-byte id, generation suffix), then the writer's
 * major, minor and bugfix versions, then the created-by major, each one byte here.
 */
final class OldLuceneCommit {
  private static final int MAGIC_BYTES = 4;
  private static final int VERSION_BYTES = 4;
  private static final int ID_BYTES = 16;
  private static final int FOOTER_CHECKSUM_BYTES = 8;

  private OldLuceneCommit() {}

  static void markCreatedBy(Path partition, int major) throws IOException {
    Path segments;
    try (Stream<Path> files = Files.list(partition)) {
      segments =
          files
              .filter(p -> p.getFileName().toString().startsWith("segments_"))
              .max(Comparator.comparing(p -> Long.parseLong(suffix(p), Character.MAX_RADIX)))
              .orElseThrow(() -> new IOException("no segments_N in " + partition));
    }
    byte[] bytes = Files.readAllBytes(segments);
    int pos = MAGIC_BYTES;
    pos += 1 + bytes[pos]; // codec name "segments" with its length byte
    pos += VERSION_BYTES + ID_BYTES;
    pos += 1 + bytes[pos]; // generation suffix with its length byte
    pos += 3; // the writing Lucene's major, minor, bugfix
    if (bytes[pos] < 9 || bytes[pos] > 20) {
      throw new IOException("unexpected created-by major " + bytes[pos] + " in " + segments);
    }
    bytes[pos] = (byte) major;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - FOOTER_CHECKSUM_BYTES);
    ByteBuffer.wrap(bytes, bytes.length - FOOTER_CHECKSUM_BYTES, FOOTER_CHECKSUM_BYTES)
        .putLong(crc.getValue());
    Files.write(segments, bytes);
  }

  private static String suffix(Path p) {
    return p.getFileName().toString().substring("segments_".length());
  }
}
