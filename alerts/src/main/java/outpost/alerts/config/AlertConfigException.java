package outpost.alerts.config;

import java.nio.file.Path;

/**
 * An invalid checks file. The message names the file, the line, the key and the reason, e.g. {@code
 * checks.yml line 14, checks[2].critical: "10:5" is not a Nagios range (start 10 > end 5)}.
 */
public final class AlertConfigException extends RuntimeException {
  private final Path file;
  private final int line;
  private final String key;

  public AlertConfigException(Path file, int line, String key, String reason) {
    super(file + (line > 0 ? " line " + line : "") + ", " + key + ": " + reason);
    this.file = file;
    this.line = line;
    this.key = key;
  }

  public Path file() {
    return file;
  }

  /** 1-based line, 0 when unknown. */
  public int line() {
    return line;
  }

  public String key() {
    return key;
  }
}
