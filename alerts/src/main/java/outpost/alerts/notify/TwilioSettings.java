package outpost.alerts.notify;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach Twilio. The auth token is a secret: {@link #toString()} never shows it.
 *
 * @param accountSid {@code AC...}
 * @param authToken the auth token (from the environment or an owner-only file)
 * @param from the sending number in E.164, or empty when {@code messagingServiceSid} is set
 * @param messagingServiceSid {@code MG...}, or empty
 * @param apiBase null for Twilio itself; a base URL such as {@code http://127.0.0.1:4010} to send
 *     the same requests elsewhere (tests, or a proxy)
 */
public record TwilioSettings(
    String accountSid, String authToken, String from, String messagingServiceSid, URI apiBase) {
  public TwilioSettings {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    from = Objects.requireNonNullElse(from, "");
    messagingServiceSid = Objects.requireNonNullElse(messagingServiceSid, "");
    if (from.isEmpty() == messagingServiceSid.isEmpty()) {
      throw new IllegalArgumentException(
          "exactly one of a From number and a Messaging Service SID must be set");
    }
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=<secret>, from="
        + from
        + ", messagingServiceSid="
        + messagingServiceSid
        + ", apiBase="
        + apiBase
        + "]";
  }
}
