package outpost.alerts.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.alerts.AlertSettings;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.CheckFactory;
import outpost.alerts.config.AlertConfigException;
import outpost.alerts.config.CheckBuilder;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.ContactConfig;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.notify.Contact;
import outpost.alerts.notify.ContactRouting;
import outpost.alerts.notify.Notifier;
import outpost.alerts.notify.OutboxNotifier;
import outpost.alerts.notify.TimePeriod;
import outpost.alerts.notify.TwilioSmsSender;
import outpost.alerts.notify.WebhookSender;

/**
 * What the engine is built from besides its own classes: the check kinds and the notifier. {@link
 * #standard} is Outpost's; tests swap the notifier for a recording one.
 */
interface EngineParts {
  Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  CheckBuilder checks(CheckEnvironment env);

  /** The parameters safe to show (secrets masked). */
  Map<String, String> redacted(Map<String, String> params);

  /**
   * The notifier for the file's contacts.
   *
   * @throws AlertConfigException when a contact's time period does not parse
   */
  NotifierSetup notifier(
      AlertDatabase db, ChecksFile file, Path checksFile, ContactRouting routing);

  /** A notifier, how to start its delivery, and what to close after it (may be null). */
  record NotifierSetup(Notifier notifier, Runnable start, AutoCloseable resources) {}

  /** The factory's check kinds and the durable outbox with Twilio and webhooks. */
  static EngineParts standard(AlertSettings settings, MeterRegistry registry, InstantSource clock) {
    return new EngineParts() {
      @Override
      public CheckBuilder checks(CheckEnvironment env) {
        return new CheckFactory(env)::create;
      }

      @Override
      public Map<String, String> redacted(Map<String, String> params) {
        return CheckFactory.redacted(params);
      }

      @Override
      public NotifierSetup notifier(
          AlertDatabase db, ChecksFile file, Path checksFile, ContactRouting routing) {
        List<Contact> contacts = contacts(file, checksFile);
        WebhookSender webhook = new WebhookSender(WEBHOOK_TIMEOUT);
        var sms = settings.twilio() == null ? null : new TwilioSmsSender(settings.twilio());
        OutboxNotifier n =
            new OutboxNotifier(
                db,
                contacts,
                routing,
                sms,
                webhook,
                settings.groupingWindow(),
                settings.maxMessagesPerContactPerHour(),
                clock,
                registry);
        return new NotifierSetup(n, n::start, webhook);
      }
    };
  }

  /** The file's contacts with their time periods parsed. */
  static List<Contact> contacts(ChecksFile file, Path checksFile) {
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < file.contacts().size(); i++) {
      ContactConfig c = file.contacts().get(i);
      TimePeriod period;
      try {
        period = TimePeriod.parse(c.period(), c.zone());
      } catch (IllegalArgumentException e) {
        throw new AlertConfigException(
            checksFile, c.line(), "contacts[" + i + "].period", e.getMessage());
      }
      out.add(new Contact(c.name(), c.phone(), c.webhook(), period));
    }
    return out;
  }

  /** Closes {@code c} if set, keeping the first failure. */
  static void closeQuietly(AutoCloseable c, List<Exception> failures) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      failures.add(e);
    } catch (Exception e) {
      failures.add(e);
    }
  }
}
