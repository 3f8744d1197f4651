package outpost.alerts.check;

/**
 * A check definition that cannot be built; the message names the parameter and the reason, e.g.
 * {@code parameter "critical": "10:5" is not a Nagios range (start 10 > end 5)}. The checks-file
 * loader adds the file, line and check name.
 */
public final class CheckConfigException extends RuntimeException {
  private final String parameter;

  public CheckConfigException(String parameter, String reason) {
    super("parameter \"" + parameter + "\": " + reason);
    this.parameter = parameter;
  }

  /** The parameter at fault, as written in the checks file. */
  public String parameter() {
    return parameter;
  }
}
