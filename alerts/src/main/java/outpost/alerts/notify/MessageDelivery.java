package outpost.alerts.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands one message to the provider of its channel: Twilio for SMS, an HTTP POST for webhooks (with
 * the notifications as structured fields next to the Slack-style {@code text}). Thread-safe as the
 * senders are.
 */
final class MessageDelivery {
  static final String NOT_CONFIGURED = "Twilio not configured";

  private final SmsSender sms;
  private final WebhookSender webhook;

  /** Either may be null: its channel then fails permanently. */
  MessageDelivery(SmsSender sms, WebhookSender webhook) {
    this.sms = sms;
    this.webhook = webhook;
  }

  SendOutcome send(String channel, String destination, String text, List<Outbox.Entry> rows) {
    if (channel.equals(OutboxNotifier.SMS)) {
      return sms == null
          ? new SendOutcome.PermanentFailure(0, NOT_CONFIGURED)
          : sms.send(destination, text);
    }
    if (webhook == null) {
      return new SendOutcome.PermanentFailure(0, "webhook sender not configured");
    }
    return webhook.send(URI.create(destination), text, fields(rows));
  }

  private static Map<String, Object> fields(List<Outbox.Entry> rows) {
    List<Map<String, Object>> list =
        rows.stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", r.id());
                  m.put("type", r.type().name());
                  m.put("check_id", r.checkId());
                  m.put("subject", r.subject());
                  m.put("state", r.label());
                  m.put("text", r.text());
                  m.put("created", r.created().toString());
                  return m;
                })
            .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", "outpost");
    out.put("count", rows.size());
    out.put("notifications", list);
    return out;
  }
}
