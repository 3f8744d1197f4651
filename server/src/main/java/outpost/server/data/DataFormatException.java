package outpost.server.data;

/**
 * The data directory is in a format this Outpost will not open: newer than it knows, needing an
 * offline migration, not an Outpost data directory, or with a corrupt stamp. The message says what
 * was found, what is supported and what to do; nothing in the directory was changed.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }
}
