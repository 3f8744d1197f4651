package outpost.alerts.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gate for replies texted to the Twilio number: the request must carry a valid {@code
 * X-Twilio-Signature}, and the sender ({@code From}) must be a known contact's phone, so a stranger
 * who learns the number cannot acknowledge alerts. What passes is parsed into a {@link SmsCommand}.
 * Immutable and thread-safe.
 */
public final class InboundSms {
  /** What a webhook request amounts to. */
  public sealed interface Outcome {
    /** The signature did not verify: answer 403 and do nothing. */
    record Forged() implements Outcome {}

    /** Signed by Twilio, but from a number no contact has; {@code from} is masked. */
    record Stranger(String from) implements Outcome {}

    /** A contact's command ({@link SmsCommand.Unknown} carries the help text to reply). */
    record FromContact(Contact contact, SmsCommand command) implements Outcome {}
  }

  private final String authToken;
  private final Map<String, Contact> byPhone;

  public InboundSms(String authToken, List<Contact> contacts) {
    this.authToken = Objects.requireNonNull(authToken, "authToken");
    Map<String, Contact> phones = new HashMap<>();
    for (Contact c : contacts) {
      if (!c.phone().isEmpty()) {
        phones.putIfAbsent(c.phone(), c);
      }
    }
    this.byPhone = Map.copyOf(phones);
  }

  /**
   * Verifies and reads one inbound request.
   *
   * @param url the URL exactly as Twilio called it (Outpost's public URL plus path and query)
   * @param params the POST form parameters ({@code From}, {@code Body}, ...)
   * @param signature the {@code X-Twilio-Signature} header, or null
   */
  public Outcome read(String url, Map<String, String> params, String signature) {
    if (!TwilioSignature.verify(authToken, url, params, signature)) {
      return new Outcome.Forged();
    }
    String from = params.getOrDefault("From", "").strip();
    Contact contact = byPhone.get(from);
    if (contact == null) {
      return new Outcome.Stranger(Outbox.mask(OutboxNotifier.SMS, from));
    }
    return new Outcome.FromContact(contact, SmsCommandParser.parse(params.get("Body")));
  }
}
