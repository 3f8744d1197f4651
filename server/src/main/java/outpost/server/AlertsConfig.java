package outpost.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import outpost.alerts.AlertSettings;
import outpost.alerts.notify.TwilioSettings;

/**
 * Reads the {@code alerts.*} keys into {@link AlertSettings}: the checks file, Outpost's own name
 * and public URL, the Twilio account (auth token inline, from the environment or from an owner-only
 * file; never in a message) and the notification limits. Stateless.
 */
final class AlertsConfig {
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private AlertsConfig() {}

  /** The alerts' settings, or null when {@code alerts.enabled} is false. */
  static AlertSettings load(ConfigSource src, Path dataDir) {
    if (!src.booleanValue(ConfigKeys.ALERTS_ENABLED)) {
      return null;
    }
    String checks = src.text(ConfigKeys.ALERTS_CHECKS_FILE);
    Path checksFile = null;
    if (!checks.isEmpty()) {
      checksFile = Path.of(checks).toAbsolutePath().normalize();
      if (!Files.isRegularFile(checksFile)) {
        src.reject(
            src.invalid(
                ConfigKeys.ALERTS_CHECKS_FILE, checksFile + " does not exist or is not a file"));
        checksFile = null;
      }
    }
    String selfName = src.text(ConfigKeys.ALERTS_SELF_NAME);
    if (!HOST_NAME.matcher(selfName).matches()) {
      src.reject(
          src.invalid(
              ConfigKeys.ALERTS_SELF_NAME,
              "'" + selfName + "' is not a host name (letters, digits, '.', '_', '-'; 1..255)"));
      selfName = ConfigKeys.ALERTS_SELF_NAME.defaultValue();
    }
    Duration grouping =
        src.orElse(
            () -> duration(src, ConfigKeys.ALERTS_GROUPING_WINDOW, Duration.ofHours(1)),
            () ->
                duration(
                    ConfigSource.defaults(),
                    ConfigKeys.ALERTS_GROUPING_WINDOW,
                    Duration.ofHours(1)));
    return new AlertSettings(
        dataDir,
        checksFile,
        selfName,
        src.orElse(() -> httpUrl(src, ConfigKeys.ALERTS_PUBLIC_URL), () -> null),
        src.orElse(() -> twilio(src), () -> null),
        grouping,
        src.intValue(ConfigKeys.ALERTS_MAX_SMS_PER_CONTACT_PER_HOUR, 1, 3600),
        src.intValue(ConfigKeys.ALERTS_SCHEDULER_THREADS, 1, 4096));
  }

  /** The Twilio account, or null when no account SID is set (and nothing else Twilio is). */
  static TwilioSettings twilio(ConfigSource src) {
    String sid = src.text(ConfigKeys.ALERTS_TWILIO_ACCOUNT_SID);
    String from = src.text(ConfigKeys.ALERTS_TWILIO_FROM);
    String service = src.text(ConfigKeys.ALERTS_TWILIO_MESSAGING_SERVICE_SID);
    String token = authToken(src);
    if (sid.isEmpty()) {
      if (token != null || !from.isEmpty() || !service.isEmpty()) {
        throw src.invalid(
            ConfigKeys.ALERTS_TWILIO_ACCOUNT_SID,
            "is empty but other alerts.twilio keys are set; set the account SID (AC...)");
      }
      return null;
    }
    if (!ACCOUNT_SID.matcher(sid).matches()) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_ACCOUNT_SID,
          "'" + sid + "' is not an account SID (AC and 32 hexadecimal digits)");
    }
    if (token == null) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN,
          "is required with an account SID: set "
              + ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN.envVar()
              + " or alerts.twilio.auth_token_file");
    }
    if (from.isEmpty() == service.isEmpty()) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_FROM,
          "set exactly one of alerts.twilio.from and alerts.twilio.messaging_service_sid");
    }
    if (!from.isEmpty() && !E164.matcher(from).matches()) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_FROM, "'" + from + "' is not an E.164 number like +15005550006");
    }
    if (!service.isEmpty() && !MESSAGING_SERVICE_SID.matcher(service).matches()) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_MESSAGING_SERVICE_SID,
          "'" + service + "' is not a Messaging Service SID (MG and 32 hexadecimal digits)");
    }
    return new TwilioSettings(
        sid, token, from, service, httpUrl(src, ConfigKeys.ALERTS_TWILIO_API_BASE));
  }

  /** The auth token from the key (or its variable) or the owner-only file; null when neither. */
  private static String authToken(ConfigSource src) {
    String inline = src.text(ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN);
    String file = src.text(ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN_FILE);
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw src.invalid(
          ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN_FILE,
          "set either alerts.twilio.auth_token or alerts.twilio.auth_token_file");
    }
    if (!file.isEmpty()) {
      return SecretFiles.firstLine(src, ConfigKeys.ALERTS_TWILIO_AUTH_TOKEN_FILE, Path.of(file));
    }
    return inline.isEmpty() ? null : inline;
  }

  /** An absolute http(s) URL without query or fragment, or null when empty. */
  /** The URL under {@code key}: http or https, with a host, no query; null when empty. */
  static URI httpUrl(ConfigSource src, ConfigKey key) {
    String text = src.text(key);
    if (text.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw src.invalid(
            key, "'" + text + "' is not an http or https URL without query, e.g. https://host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw src.invalid(key, "'" + text + "' is not a URL: " + e.getReason());
    }
  }

  /** {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}; at most {@code max}. */
  static Duration duration(ConfigSource src, ConfigKey key, Duration max) {
    Matcher m = DURATION.matcher(src.text(key));
    if (!m.matches()) {
      throw src.invalid(key, "'" + src.text(key) + "' is not a duration like 30s, 500ms, 5m, 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.compareTo(max) > 0) {
      throw src.invalid(key, src.text(key) + " exceeds limit " + max.toMinutes() + "m");
    }
    return d;
  }
}
