package outpost.server;

/**
 * A configuration value is missing, malformed or out of range. The message names where the value
 * came from (file or environment variable), the key and the reason.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
