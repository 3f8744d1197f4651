package outpost.agents;

/**
 * Cuts a byte stream into lines at {@code '\n'} (only the newline is removed; a {@code '\r'} stays
 * part of the line). A line longer than {@code maxLine} bytes is cut there, on a UTF-8 character
 * boundary, and the rest up to its newline is skipped. Not thread-safe.
 */
final class LineSplitter {
  /** Receives each line: {@code line[0, length)}, and the stream offset just after its newline. */
  interface Sink {
    void line(byte[] line, int length, boolean truncated, long endOffset);
  }

  private final int maxLine;
  private final Sink sink;
  private final byte[] buf;
  private int length;
  private boolean truncated;
  private long offset;

  /** {@code offset}: stream position of the first byte that will be fed. */
  LineSplitter(int maxLine, long offset, Sink sink) {
    this.maxLine = maxLine;
    this.offset = offset;
    this.sink = sink;
    this.buf = new byte[maxLine + 4];
  }

  void feed(byte[] data, int from, int to) {
    int start = from;
    for (int i = from; i < to; i++) {
      if (data[i] == '\n') {
        append(data, start, i);
        offset += i + 1 - start;
        emit();
        start = i + 1;
      }
    }
    append(data, start, to);
    offset += to - start;
  }

  private void append(byte[] data, int from, int to) {
    int n = to - from;
    if (n == 0 || truncated) {
      return; // a cut line skips the rest up to its newline
    }
    int room = maxLine - length;
    if (n > room) {
      // keep one more byte than allowed so the cut can see whether it splits a character
      int keep = Math.min(n, room + 1);
      System.arraycopy(data, from, buf, length, keep);
      length = cutAtCharacter(length + keep);
      truncated = true;
    } else {
      System.arraycopy(data, from, buf, length, n);
      length += n;
    }
  }

  /** The longest prefix of {@code buf[0, end)} of at most maxLine bytes ending on a character. */
  private int cutAtCharacter(int end) {
    if (end <= maxLine) {
      return end;
    }
    int cut = maxLine;
    while (cut > 0 && (buf[cut] & 0xC0) == 0x80) { // buf[cut] continues a character: go back
      cut--;
    }
    return cut;
  }

  private void emit() {
    sink.line(buf, length, truncated, offset);
    length = 0;
    truncated = false;
  }

  /** At end of input: a last line without newline is emitted too. */
  void finish() {
    if (length > 0 || truncated) {
      emit();
    }
  }

  /** Bytes held for a line without its newline yet. */
  boolean hasPartialLine() {
    return length > 0 || truncated;
  }

  /** Stream offset after the last byte fed. */
  long offset() {
    return offset;
  }
}
