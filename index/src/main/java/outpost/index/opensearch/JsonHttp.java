package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One JSON request to an OpenSearch cluster: the seam the host directory talks through, so it can
 * ride on whichever client the store uses. Implementations are thread-safe.
 */
public interface JsonHttp {

  /**
   * Sends {@code method path} with {@code body} (null for none).
   *
   * @return the parsed response body (an empty object when there is none)
   * @throws StatusException when the cluster answers with a status of 400 or more
   * @throws IOException when no node can be reached
   */
  JsonNode send(String method, String path, JsonNode body) throws IOException;

  /** The cluster refused a request; the message has the status and the start of the body. */
  final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Longest part of a response body kept in the message. */
    static final int MAX_BODY_CHARS = 300;

    private final int status;

    public StatusException(String request, int status, String body) {
      super(
          request
              + " answered "
              + status
              + ": "
              + (body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS)));
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
