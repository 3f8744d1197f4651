package outpost.ingest.transport.relp;

/**
 * A RELP frame that breaks the framing rules; the session cannot continue, because the next frame
 * boundary is unknown. Carries the transaction number when it was read before the error, so the
 * error response can name it.
 */
public final class RelpFrameException extends RuntimeException {
  private final int txnr;

  /**
   * @param txnr the frame's transaction number, or 0 when it was not read yet
   * @param reason what was wrong, with the value and the limit
   */
  public RelpFrameException(int txnr, String reason) {
    super(reason);
    this.txnr = txnr;
  }

  /** The broken frame's transaction number, 0 when unknown. */
  public int txnr() {
    return txnr;
  }
}
