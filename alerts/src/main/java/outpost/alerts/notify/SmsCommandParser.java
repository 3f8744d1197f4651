package outpost.alerts.notify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a reply SMS: {@code ACK 17}, {@code ack #17}, {@code ACK ALL} (any case, any spacing).
 * Anything else is {@link SmsCommand.Unknown} carrying the help text. Stateless and thread-safe.
 */
public final class SmsCommandParser {
  public static final String HELP = "Reply ACK <id> to acknowledge one problem, or ACK ALL.";

  /** Longer replies are not commands; no need to run a regex over them. */
  private static final int MAX_COMMAND_CHARS = 64;

  private static final Pattern ACK_ONE = Pattern.compile("ACK\\s*#?\\s*([0-9]{1,18})");
  private static final Pattern ACK_ALL = Pattern.compile("ACK\\s+ALL");

  private SmsCommandParser() {}

  public static SmsCommand parse(String body) {
    if (body == null || body.isBlank()) {
      return new SmsCommand.Unknown("Empty message. " + HELP);
    }
    String s = body.strip();
    if (s.length() > MAX_COMMAND_CHARS) {
      return new SmsCommand.Unknown("Not understood. " + HELP);
    }
    String upper = s.toUpperCase(Locale.ROOT).replaceAll("[.!]+$", "");
    if (ACK_ALL.matcher(upper).matches()) {
      return new SmsCommand.AckAll();
    }
    Matcher m = ACK_ONE.matcher(upper);
    if (m.matches()) {
      return new SmsCommand.Ack(Long.parseLong(m.group(1)));
    }
    return new SmsCommand.Unknown("Not understood: '" + SmsText.toGsm(s) + "'. " + HELP);
  }
}
