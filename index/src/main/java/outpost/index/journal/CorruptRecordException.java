package outpost.index.journal;

/** Bytes that do not decode as a journal record or event: a torn write or corruption. */
public final class CorruptRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }
}
