package outpost.alerts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import outpost.alerts.notify.TwilioSettings;

/**
 * The alerts' part of Outpost's configuration (the flat {@code alerts.*} keys); the checks, hosts,
 * contacts and time periods come from {@code checksFile}.
 *
 * @param dataDir where {@code alerts.db} lives (Outpost's data directory)
 * @param checksFile the checks file (YAML), or null for the built-in defaults only (Outpost
 *     watching itself and every logging host's freshness)
 * @param selfName the host name of checks about Outpost itself and fleet-wide log checks
 * @param publicUrl Outpost's URL as users and Twilio reach it (links in texts, the inbound-SMS
 *     signature); null when unknown
 * @param twilio Twilio account, or null to keep SMS in the outbox as failed "not configured"
 * @param groupingWindow notifications to one contact within this window become one message
 * @param maxMessagesPerContactPerHour beyond this, notifications to a contact are folded into the
 *     next allowed message
 * @param schedulerThreads bound on checks running at once
 */
public record AlertSettings(
    Path dataDir,
    Path checksFile,
    String selfName,
    URI publicUrl,
    TwilioSettings twilio,
    Duration groupingWindow,
    int maxMessagesPerContactPerHour,
    int schedulerThreads) {
  public AlertSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(selfName, "selfName");
    Objects.requireNonNull(groupingWindow, "groupingWindow");
    if (groupingWindow.isNegative()) {
      throw new IllegalArgumentException("grouping window " + groupingWindow + " is negative");
    }
    if (maxMessagesPerContactPerHour < 1) {
      throw new IllegalArgumentException(
          "max messages per contact per hour " + maxMessagesPerContactPerHour + " below 1");
    }
    if (schedulerThreads < 1) {
      throw new IllegalArgumentException("scheduler threads " + schedulerThreads + " below 1");
    }
  }

  /** Defaults: no checks file, name "outpost", 30 s grouping, 10 messages per hour, 64 checks. */
  public static AlertSettings defaults(Path dataDir) {
    return new AlertSettings(dataDir, null, "outpost", null, null, Duration.ofSeconds(30), 10, 64);
  }
}
