package outpost.ingest.transport.tls;

import java.util.Locale;

/** Whether the TLS listener asks senders for a client certificate. */
public enum ClientAuthMode {
  /** Never asks; any sender that completes the handshake may send. */
  NONE,
  /** Asks; a sender without one is admitted, one with an unacceptable one is refused. */
  OPTIONAL,
  /** Asks and refuses a sender without an acceptable certificate (the default). */
  REQUIRED;

  /**
   * Parses {@code none}, {@code optional} or {@code required} (any case).
   *
   * @throws IllegalArgumentException naming the text and the choices
   */
  public static ClientAuthMode parse(String text) {
    for (ClientAuthMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of none, optional, required");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
