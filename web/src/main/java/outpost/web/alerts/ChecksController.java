package outpost.web.alerts;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import outpost.alerts.AckRequest;
import outpost.alerts.AlertService;
import outpost.alerts.CheckView;
import outpost.alerts.PassiveResult;
import outpost.alerts.check.Status;
import outpost.web.alerts.AlertJson.CheckJson;
import outpost.web.http.JsonBody;

/**
 * {@code GET /api/checks} (the board, filtered by {@code state}, {@code host} and {@code q}),
 * {@code GET /api/checks/{id}}, acknowledging ({@code POST/DELETE /api/checks/{id}/ack}),
 * re-checking ({@code POST /api/checks/{id}/recheck}) and passive results ({@code POST
 * /api/checks/passive}). Translation only. Thread-safe.
 */
public final class ChecksController {
  static final int MAX_FILTER_CHARS = 200;
  static final int MAX_COMMENT_CHARS = 1000;
  static final int MAX_NAME_CHARS = 255;
  static final int MAX_OUTPUT_CHARS = 8192;

  /** The values {@code state} takes; {@code pending} is a check without a result yet. */
  static final List<String> STATES = List.of("ok", "warning", "critical", "unknown", "pending");

  private static final Pattern STATE_LIST = Pattern.compile("[a-z]+(,[a-z]+)*");

  private final AlertService alerts;
  private final InstantSource clock;

  public ChecksController(AlertService alerts, InstantSource clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The board: every check matching the filters, worst first, with counts over all checks. */
  public void list(Context ctx) {
    Set<String> states = states(ctx);
    Predicate<String> host = hostFilter(ctx);
    String search =
        ctx.queryParamAsClass("q", String.class)
            .check(
                q -> q == null || q.length() <= MAX_FILTER_CHARS,
                "longer than " + MAX_FILTER_CHARS + " characters")
            .getOrDefault("")
            .strip()
            .toLowerCase(Locale.ROOT);
    Instant now = now();
    List<CheckView> all = alerts.checks();
    List<CheckJson> shown =
        all.stream()
            .map(c -> CheckJson.of(c, now))
            .filter(c -> states.isEmpty() || states.contains(c.status()))
            .filter(c -> host.test(c.host()))
            .filter(c -> search.isEmpty() || matches(c, search))
            .toList();
    ctx.json(new AlertJson.ChecksResponse(AlertJson.time(now), counts(all), shown));
  }

  private static Set<String> states(Context ctx) {
    String text =
        ctx.queryParamAsClass("state", String.class)
            .check(
                s ->
                    s == null
                        || s.isEmpty()
                        || STATE_LIST.matcher(s).matches()
                            && List.of(s.split(",")).stream().allMatch(STATES::contains),
                "expected a comma-separated list of " + String.join(", ", STATES))
            .getOrDefault("");
    return text.isEmpty() ? Set.of() : Set.of(text.split(","));
  }

  /** {@code host}: a name or a glob with {@code *} and {@code ?}, case-insensitive. */
  private static Predicate<String> hostFilter(Context ctx) {
    String glob =
        ctx.queryParamAsClass("host", String.class)
            .check(
                h -> h == null || h.length() <= MAX_NAME_CHARS,
                "longer than " + MAX_NAME_CHARS + " characters")
            .getOrDefault("")
            .strip();
    if (glob.isEmpty()) {
      return h -> true;
    }
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("((?<=[*?])|(?=[*?]))")) {
      regex.append(
          switch (part) {
            case "*" -> ".*";
            case "?" -> ".";
            default -> Pattern.quote(part);
          });
    }
    Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    return h -> pattern.matcher(h).matches();
  }

  private static boolean matches(CheckJson c, String search) {
    return c.host().toLowerCase(Locale.ROOT).contains(search)
        || c.service().toLowerCase(Locale.ROOT).contains(search)
        || c.output().toLowerCase(Locale.ROOT).contains(search)
        || c.kind().toLowerCase(Locale.ROOT).contains(search);
  }

  private static AlertJson.Counts counts(List<CheckView> all) {
    int[] byStatus = new int[Status.values().length];
    int pending = 0;
    int acked = 0;
    int downtime = 0;
    int flapping = 0;
    for (CheckView c : all) {
      if (c.lastCheck() == null) {
        pending++;
      } else {
        byStatus[c.status().ordinal()]++;
      }
      acked += c.acknowledgement() != null ? 1 : 0;
      downtime += c.inDowntime() ? 1 : 0;
      flapping += c.flapping() ? 1 : 0;
    }
    return new AlertJson.Counts(
        byStatus[Status.OK.ordinal()],
        byStatus[Status.WARNING.ordinal()],
        byStatus[Status.CRITICAL.ordinal()],
        byStatus[Status.UNKNOWN.ordinal()],
        pending,
        acked,
        downtime,
        flapping);
  }

  /** One check with history, performance data, notifications, downtimes and definition. */
  public void detail(Context ctx) {
    long id = Requests.id(ctx, "id", "check");
    Instant now = now();
    ctx.json(
        alerts
            .check(id)
            .map(d -> AlertJson.CheckDetailJson.of(d, now))
            .orElseThrow(() -> new NotFoundResponse("no check with id " + id)));
  }

  /** Body {@code {"comment","sticky","expires"}} -> 204; 404 unknown; 409 when it is OK. */
  public void acknowledge(Context ctx) {
    long id = Requests.id(ctx, "id", "check");
    AckBody body = JsonBody.read(ctx, AckBody.class);
    String comment = Requests.limited("comment", body.comment(), MAX_COMMENT_CHARS);
    Instant expires = Requests.instant("expires", body.expires());
    if (expires != null && !expires.isAfter(now())) {
      throw Requests.invalid("expires", body.expires(), "must be in the future");
    }
    boolean known;
    try {
      known =
          alerts.acknowledge(
              id,
              new AckRequest(
                  Requests.user(ctx), comment, Boolean.TRUE.equals(body.sticky()), expires));
    } catch (IllegalStateException e) {
      throw new ConflictResponse(e.getMessage());
    }
    if (!known) {
      throw new NotFoundResponse("no check with id " + id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** 204; 404 when unknown or not acknowledged. */
  public void removeAcknowledgement(Context ctx) {
    long id = Requests.id(ctx, "id", "check");
    if (!alerts.removeAcknowledgement(id, Requests.user(ctx))) {
      throw new NotFoundResponse("check " + id + " is unknown or not acknowledged");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Runs the check as soon as possible: 204; 404 unknown. */
  public void recheck(Context ctx) {
    long id = Requests.id(ctx, "id", "check");
    if (!alerts.recheck(id)) {
      throw new NotFoundResponse("no check with id " + id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Body {@code {"host","service","status","output"}} -> 204; status 0..3 or its name. */
  public void passive(Context ctx) {
    PassiveBody body = JsonBody.read(ctx, PassiveBody.class);
    if (body.host() == null || body.host().isBlank()) {
      throw Requests.invalid("host", body.host(), "is required");
    }
    String host = Requests.limited("host", body.host().strip(), MAX_NAME_CHARS);
    String service = Requests.limited("service", body.service(), MAX_NAME_CHARS);
    String output = Requests.limited("output", body.output(), MAX_OUTPUT_CHARS);
    Status status = status(body.status());
    try {
      alerts.submitPassive(
          new PassiveResult(host, service == null ? "" : service.strip(), status, output));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** 0..3 (a number or digits) or ok/warning/critical/unknown in any case. */
  static Status status(Object value) {
    String reason = "expected 0, 1, 2, 3 or ok, warning, critical, unknown";
    if (value instanceof Integer n && n >= 0 && n <= 3) {
      return Status.ofExitCode(n);
    }
    if (value instanceof String s) {
      String text = s.strip().toUpperCase(Locale.ROOT);
      if (text.matches("[0-3]")) {
        return Status.ofExitCode(Integer.parseInt(text));
      }
      for (Status st : EnumSet.allOf(Status.class)) {
        if (st.name().equals(text)) {
          return st;
        }
      }
    }
    throw Requests.invalid("status", value, value == null ? "is required" : reason);
  }

  /** Body of {@code POST /api/checks/{id}/ack}. */
  public record AckBody(String comment, Boolean sticky, String expires) {}

  /** Body of {@code POST /api/checks/passive}. */
  public record PassiveBody(String host, String service, Object status, String output) {}
}
