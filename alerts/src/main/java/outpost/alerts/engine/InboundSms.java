package outpost.alerts.engine;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.InboundSmsReply;
import outpost.alerts.config.ContactConfig;
import outpost.alerts.notify.SmsCommand;
import outpost.alerts.notify.SmsCommandParser;
import outpost.alerts.notify.TwilioSettings;
import outpost.alerts.notify.TwilioSignature;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.StateType;

/**
 * Twilio's inbound-SMS webhook: checks the signature, finds the contact by the sending number and
 * runs {@code ACK <id>} or {@code ACK ALL} as that contact (sticky acknowledgements). Nothing
 * happens for an unsigned or wrongly signed request, or when Twilio is not configured. Thread-safe.
 */
final class InboundSms {
  static final String COMMENT = "acknowledged by SMS";

  private static final Logger LOG = LoggerFactory.getLogger(InboundSms.class);

  private final TwilioSettings twilio;
  private final Map<String, String> contactsByPhone;
  private final CheckRegistry registry;
  private final StateUpdater updater;
  private final InstantSource clock;

  InboundSms(
      TwilioSettings twilio,
      List<ContactConfig> contacts,
      CheckRegistry registry,
      StateUpdater updater,
      InstantSource clock) {
    this.twilio = twilio;
    this.contactsByPhone = new java.util.HashMap<>();
    contacts.stream()
        .filter(c -> !c.phone().isEmpty())
        .forEach(c -> contactsByPhone.put(c.phone(), c.name()));
    this.registry = registry;
    this.updater = updater;
    this.clock = clock;
  }

  InboundSmsReply handle(String url, Map<String, String> params, String signature) {
    if (twilio == null) {
      return new InboundSmsReply(false, "");
    }
    if (url == null || !TwilioSignature.verify(twilio.authToken(), url, params, signature)) {
      LOG.warn("inbound SMS refused: signature does not match for {}", url);
      return new InboundSmsReply(false, "");
    }
    String from = params.getOrDefault("From", "").strip();
    String contact = contactsByPhone.get(from);
    if (contact == null) {
      return new InboundSmsReply(true, "This number is not an Outpost contact.");
    }
    return new InboundSmsReply(
        true,
        switch (SmsCommandParser.parse(params.get("Body"))) {
          case SmsCommand.Ack a -> ackOne(a.checkId(), contact);
          case SmsCommand.AckAll all -> ackAll(contact);
          case SmsCommand.Unknown u -> u.reason();
        });
  }

  private String ackOne(long id, String contact) {
    Optional<ScheduledCheck> c = registry.get(id);
    if (c.isEmpty()) {
      return "No check " + id + ".";
    }
    String subject = c.get().key().toString();
    if (!c.get().state().status().problem()) {
      return id + " " + subject + " is OK: nothing to acknowledge.";
    }
    try {
      updater.acknowledge(c.get(), ack(contact), clock.instant());
    } catch (IllegalStateException e) {
      return id + " " + subject + " is OK: nothing to acknowledge.";
    }
    return "ACK " + id + " " + subject + " acknowledged";
  }

  private String ackAll(String contact) {
    int n = 0;
    for (ScheduledCheck c : registry.all()) {
      var s = c.state();
      if (s.lastCheck() != null
          && s.status().problem()
          && s.type() == StateType.HARD
          && s.acknowledgement() == null) {
        try {
          updater.acknowledge(c, ack(contact), clock.instant());
          n++;
        } catch (IllegalStateException e) {
          // recovered between the look and the acknowledgement: nothing to do
        }
      }
    }
    return n == 0
        ? "No unacknowledged problems."
        : "ACK ALL: " + n + (n == 1 ? " problem" : " problems") + " acknowledged";
  }

  private Acknowledgement ack(String contact) {
    return new Acknowledgement(contact, COMMENT, true, clock.instant(), null);
  }
}
