package outpost.index;

import java.util.List;

/** Names of syslog facilities and severities (RFC 5424 section 6.2.1). Stateless. */
public final class Syslog {
  private static final List<String> FACILITIES =
      List.of(
          "kern",
          "user",
          "mail",
          "daemon",
          "auth",
          "syslog",
          "lpr",
          "news",
          "uucp",
          "cron",
          "authpriv",
          "ftp",
          "ntp",
          "security",
          "console",
          "solaris-cron",
          "local0",
          "local1",
          "local2",
          "local3",
          "local4",
          "local5",
          "local6",
          "local7");
  private static final List<String> SEVERITIES =
      List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

  private Syslog() {}

  /** Returns the keyword for a facility code 0..23, e.g. {@code daemon} for 3. */
  public static String facilityName(int code) {
    return FACILITIES.get(code);
  }

  /** Returns the keyword for a severity code 0..7, e.g. {@code err} for 3. */
  public static String severityName(int code) {
    return SEVERITIES.get(code);
  }

  /** Returns the code for a facility keyword, or -1 if there is none of that name. */
  public static int facilityCode(String name) {
    return FACILITIES.indexOf(name);
  }

  /** Returns the code for a severity keyword, or -1 if there is none of that name. */
  public static int severityCode(String name) {
    return SEVERITIES.indexOf(name);
  }
}
