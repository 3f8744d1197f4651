package outpost.ingest.transport;

import io.netty.channel.Channel;
import java.util.Map;

/**
 * Fields a stream transport adds to every event of one connection, such as the TLS client
 * certificate's subject. Asked once per connection, at its first message (after any handshake).
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConnectionFields {
  /** No fields. */
  ConnectionFields NONE = channel -> Map.of();

  /** The fields for every event of {@code channel}; they override same-named message fields. */
  Map<String, String> of(Channel channel);
}
