package outpost.alerts.check;

/**
 * A check's state as the Nagios plugin guidelines define it; the ordinal is the plugin exit code.
 */
public enum Status {
  OK,
  WARNING,
  CRITICAL,
  UNKNOWN;

  /** The plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
  public int exitCode() {
    return ordinal();
  }

  /** The state a plugin exit code means; any code outside 0..3 is UNKNOWN, as Nagios treats it. */
  public static Status ofExitCode(int code) {
    return code >= 0 && code <= 3 ? values()[code] : UNKNOWN;
  }

  /** True for WARNING, CRITICAL and UNKNOWN. */
  public boolean problem() {
    return this != OK;
  }
}
