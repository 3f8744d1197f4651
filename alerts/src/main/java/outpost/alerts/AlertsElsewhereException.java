package outpost.alerts;

import java.net.URI;
import java.util.Objects;

/**
 * Asked of a node that does not run the alerts: the message and {@link #node()} say which node
 * does. The web layer answers 409 with that URL. Immutable.
 */
public final class AlertsElsewhereException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final URI node;

  public AlertsElsewhereException(URI node) {
    super("alerts run on node " + node + ", not on this one");
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The URL of the node that runs the checks and notifications. */
  public URI node() {
    return node;
  }
}
