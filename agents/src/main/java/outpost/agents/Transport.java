package outpost.agents;

import java.io.IOException;
import java.util.List;

/**
 * A connection to the syslog server. Not thread-safe: the sender thread owns it. Close is safe
 * twice; {@link #send} after a failure needs a new {@link #connect}.
 */
interface Transport extends AutoCloseable {
  /** Opens the connection unless it is open. */
  void connect() throws IOException;

  boolean isConnected();

  /**
   * Writes {@code messages} (each one RFC 5424 message, unframed) in order.
   *
   * @throws IOException when the connection failed or the server closed it; what was written before
   *     is unknown to have arrived, except over RELP: a {@link RelpTransport.PartlySentException}
   *     tells how many of the first messages the server answered
   */
  void send(List<byte[]> messages) throws IOException;

  /** Closes the connection; the next {@link #connect} opens a new one. */
  @Override
  void close();

  /**
   * Closes the connection from another thread so a send blocked on a stalled server fails; the
   * owning thread then closes it properly.
   */
  void abort();

  /** Where it sends to, for messages. */
  String describe();
}
