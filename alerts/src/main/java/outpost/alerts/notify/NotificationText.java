package outpost.alerts.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.NotificationType;

/**
 * The words of a notification: one event ({@code CRITICAL web-2/http: connection refused (since
 * 14:02) ACK 17}) trimmed to one GSM-7 segment, or a group of them ({@code 3 problems: CRITICAL
 * web-2/http #17, ...}) within {@link #GROUP_MAX_SEPTETS}. Stateless and thread-safe.
 */
public final class NotificationText {
  /** A grouped message lists checks until it would take more than three segments. */
  public static final int GROUP_MAX_SEPTETS = 3 * SmsText.GSM_MULTI;

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final List<String> PROBLEM_ORDER =
      List.of("DOWN", "UNREACHABLE", "CRITICAL", "WARNING", "UNKNOWN");

  /**
   * One line of a grouped message.
   *
   * @param type the notification type
   * @param label the state shown: CRITICAL, WARNING, UNKNOWN, OK, DOWN, UNREACHABLE, UP
   * @param subject {@code host/service} or {@code host}
   * @param checkId the check's id (what {@code ACK <id>} names)
   */
  public record Item(NotificationType type, String label, String subject, long checkId) {
    public Item {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(subject, "subject");
    }
  }

  private NotificationText() {}

  /** The state label of an event: the host state for host checks, else the service status. */
  public static String label(NotificationEvent e) {
    if (e.key().hostCheck() && e.hostStatus() != null) {
      return e.hostStatus().name();
    }
    return e.status().name();
  }

  /** The text for one event, in GSM-7, one segment unless the fixed parts alone are longer. */
  public static String single(NotificationEvent e, ZoneId zone) {
    String subject = e.key().toString();
    String label = label(e);
    String since = e.problemSince() == null ? "" : hhmm(e.problemSince(), zone);
    String who = e.author().isEmpty() ? "" : " by " + e.author();
    return switch (e.type()) {
      case PROBLEM ->
          fit(
              label + " " + subject + ": ",
              e.output(),
              (since.isEmpty() ? "" : " (since " + since + ")") + " ACK " + e.checkId());
      case RECOVERY ->
          fit(
              "RECOVERY " + subject + " " + label + ": ",
              e.output(),
              since.isEmpty() ? "" : " (problem since " + since + ")");
      case ACKNOWLEDGEMENT ->
          fit("ACKNOWLEDGED " + subject + " " + label + who + ": ", e.comment(), "");
      case FLAPPINGSTART -> fit("FLAPPING STARTED " + subject + " " + label + ": ", e.output(), "");
      case FLAPPINGSTOP -> fit("FLAPPING STOPPED " + subject + " " + label + ": ", e.output(), "");
      case DOWNTIMESTART -> fit("DOWNTIME STARTED " + subject + who + ": ", e.comment(), "");
      case DOWNTIMEEND -> fit("DOWNTIME ENDED " + subject + ": ", e.comment(), "");
      case DOWNTIMECANCELLED -> fit("DOWNTIME CANCELLED " + subject + who + ": ", e.comment(), "");
    };
  }

  /**
   * One message for several events: counts per state, as many subjects as fit in {@link
   * #GROUP_MAX_SEPTETS} (one segment when all fit), the rest as {@code +N more}.
   */
  public static String grouped(List<Item> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no notifications to group");
    }
    int total = items.size();
    String best = render(items, 0);
    for (int listed = 1; listed <= total; listed++) {
      String candidate = render(items, listed);
      int septets = SmsText.septets(candidate);
      if (septets > GROUP_MAX_SEPTETS) {
        break;
      }
      best = candidate;
    }
    return best.length() > SmsText.MAX_CHARS ? best.substring(0, SmsText.MAX_CHARS) : best;
  }

  private static String render(List<Item> items, int listed) {
    Map<String, List<Item>> problems = new LinkedHashMap<>();
    for (String l : PROBLEM_ORDER) {
      problems.put(l, new ArrayList<>());
    }
    Map<String, List<Item>> others = new LinkedHashMap<>();
    for (Item it : items) {
      if (it.type() == NotificationType.PROBLEM) {
        problems.computeIfAbsent(it.label(), k -> new ArrayList<>()).add(it);
      } else {
        others.computeIfAbsent(otherHeading(it.type()), k -> new ArrayList<>()).add(it);
      }
    }
    problems.values().removeIf(List::isEmpty);
    int problemCount = problems.values().stream().mapToInt(List::size).sum();
    int[] budget = {listed};
    List<String> sentences = new ArrayList<>();
    if (problemCount > 0) {
      StringBuilder sb = new StringBuilder();
      sb.append(problemCount).append(problemCount == 1 ? " problem" : " problems");
      if (problems.size() > 1) {
        List<String> counts = new ArrayList<>();
        problems.forEach((l, list) -> counts.add(list.size() + " " + l));
        sb.append(" (").append(String.join(", ", counts)).append(')');
      }
      List<String> parts = new ArrayList<>();
      problems.forEach((l, list) -> parts.addAll(listSome(l + " ", list, budget, true)));
      sentences.add(withList(sb, parts, problemCount - parts.size()));
    }
    others.forEach(
        (heading, list) -> {
          List<String> parts = listSome("", list, budget, false);
          StringBuilder sb = new StringBuilder().append(list.size()).append(' ').append(heading);
          sentences.add(withList(sb, parts, list.size() - parts.size()));
        });
    String text = String.join(". ", sentences);
    return problemCount > 0 ? text + ". ACK ALL or ACK <id>" : text;
  }

  private static String withList(StringBuilder sb, List<String> parts, int more) {
    if (!parts.isEmpty()) {
      sb.append(": ").append(String.join(", ", parts));
    }
    if (more > 0) {
      sb.append(parts.isEmpty() ? ": +" : " +").append(more).append(" more");
    }
    return sb.toString();
  }

  private static List<String> listSome(String prefix, List<Item> list, int[] budget, boolean id) {
    int shown = Math.min(budget[0], list.size());
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      Item it = list.get(i);
      String s = SmsText.toGsm(it.subject()) + (id ? " #" + it.checkId() : "");
      parts.add(i == 0 ? prefix + s : s);
    }
    budget[0] -= shown;
    return parts;
  }

  private static String otherHeading(NotificationType t) {
    return switch (t) {
      case RECOVERY -> "recovered";
      case ACKNOWLEDGEMENT -> "acknowledged";
      case FLAPPINGSTART -> "started flapping";
      case FLAPPINGSTOP -> "stopped flapping";
      case DOWNTIMESTART -> "in downtime";
      case DOWNTIMEEND -> "out of downtime";
      case DOWNTIMECANCELLED -> "downtime cancelled";
      case PROBLEM -> "problems";
    };
  }

  private static String fit(String head, String detail, String tail) {
    String h = SmsText.toGsm(head);
    String t = SmsText.toGsm(tail);
    String d = SmsText.toGsm(detail.strip().replaceAll("\\s+", " "));
    if (d.isEmpty()) {
      h = h.endsWith(": ") ? h.substring(0, h.length() - 2) : h;
    }
    int room = SmsText.GSM_SINGLE - SmsText.septets(h) - SmsText.septets(t);
    if (room < 8) {
      // the fixed parts alone are long (a very long check name): allow more segments
      room = SmsText.MAX_CHARS - h.length() - t.length();
    }
    String text = h + SmsText.truncateToSeptets(d, Math.max(room, 2)) + t;
    return text.length() > SmsText.MAX_CHARS ? text.substring(0, SmsText.MAX_CHARS) : text;
  }

  private static String hhmm(Instant at, ZoneId zone) {
    return HH_MM.format(at.atZone(zone));
  }
}
