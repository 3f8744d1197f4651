package outpost.alerts.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.NotificationType;

/**
 * Turns a notification into outbox rows: one per contact and channel, for the contacts the routing
 * names at the event's escalation level (a recovery goes to everyone who was told about the
 * problem, as in Nagios). A contact outside its time period gets a {@code suppressed} row: like
 * Nagios, the period is checked when notifying, and nothing is queued for later. Thread-safe.
 */
final class Recipients {
  private static final Logger LOG = LoggerFactory.getLogger(Recipients.class);

  private final Map<String, Contact> contacts;
  private final ContactRouting routing;
  private final Outbox outbox;
  private final Duration groupingWindow;

  Recipients(List<Contact> contacts, ContactRouting routing, Outbox outbox, Duration window) {
    Map<String, Contact> byName = new HashMap<>();
    for (Contact c : contacts) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("contact name '" + c.name() + "' is used twice");
      }
    }
    this.contacts = Map.copyOf(byName);
    this.routing = Objects.requireNonNull(routing, "routing");
    this.outbox = outbox;
    this.groupingWindow = window;
  }

  /**
   * The rows to write for {@code event} decided at {@code now}; pending ones are due after the
   * window.
   */
  List<Outbox.Entry> rows(NotificationEvent event, Instant now) {
    List<Outbox.Entry> rows = new ArrayList<>();
    for (String name : names(event)) {
      Contact contact = contacts.get(name);
      if (contact == null) {
        LOG.warn("check {}: no contact named '{}' to notify", event.checkId(), name);
        continue;
      }
      boolean reachable = contact.reachableAt(now);
      String text = NotificationText.single(event, contact.zone());
      if (!contact.phone().isEmpty()) {
        rows.add(row(event, contact, OutboxNotifier.SMS, contact.phone(), text, reachable, now));
      }
      if (contact.webhook() != null) {
        String url = contact.webhook().toString();
        rows.add(row(event, contact, OutboxNotifier.WEBHOOK, url, text, reachable, now));
      }
    }
    return rows;
  }

  private Set<String> names(NotificationEvent event) {
    Set<String> names = new LinkedHashSet<>();
    if (event.type() == NotificationType.RECOVERY) {
      names.addAll(outbox.toldAboutProblem(event.checkId(), event.problemSince()));
    }
    if (names.isEmpty()) {
      names.addAll(routing.contacts(event.checkId(), event.escalationLevel()));
    }
    return names;
  }

  private Outbox.Entry row(
      NotificationEvent e,
      Contact contact,
      String channel,
      String destination,
      String text,
      boolean reachable,
      Instant now) {
    return new Outbox.Entry(
        0,
        now,
        e.type(),
        e.checkId(),
        e.key().toString(),
        NotificationText.label(e),
        contact.name(),
        channel,
        destination,
        text,
        reachable ? Outbox.PENDING : Outbox.SUPPRESSED,
        0,
        reachable ? now.plus(groupingWindow) : null,
        reachable ? "" : "outside time period '" + contact.period().text() + "'",
        null,
        "");
  }
}
