package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;

/**
 * {@code GET /api/hosts}, {@code POST /api/hosts/{name}/retire} and {@code DELETE
 * /api/hosts/{name}}: the senders discovered from the logs, which of them went silent, and retiring
 * or forgetting one. Translation only. Thread-safe.
 */
public final class HostsController {
  public static final Duration DEFAULT_SILENT_AFTER = Duration.ofMinutes(10);

  private static final Pattern SILENT_AFTER = Pattern.compile("(\\d{1,6})([smhd])");

  private final HostDirectory hosts;
  private final InstantSource clock;

  public HostsController(HostDirectory hosts, InstantSource clock) {
    this.hosts = hosts;
    this.clock = clock;
  }

  /** Every host by name; {@code silent_after} (default 10m) takes {@code 30s 10m 2h 1d}. */
  public void list(Context ctx) {
    String text =
        ctx.queryParamAsClass("silent_after", String.class)
            .check(
                s -> s == null || SILENT_AFTER.matcher(s).matches(),
                "expected a whole number (up to 6 digits) and a unit s, m, h or d, e.g. 10m")
            .getOrNull();
    Duration silentAfter = text == null ? DEFAULT_SILENT_AFTER : duration(text);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<HostJson> list =
        hosts.hosts().stream()
            .sorted(Comparator.comparing(HostInfo::name))
            .map(h -> HostJson.of(h, now, silentAfter))
            .toList();
    ctx.json(new HostsResponse(ApiTime.format(now), silentAfter.toSeconds(), list));
  }

  /** 204, or 404 when the host is unknown. */
  public void retire(Context ctx) {
    String name = ctx.pathParam("name");
    if (!hosts.retire(name)) {
      throw new NotFoundResponse("unknown host");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Forgets the host (its logs stay): 204, or 404 when it is unknown. */
  public void forget(Context ctx) {
    String name = ctx.pathParam("name");
    if (!hosts.forget(name)) {
      throw new NotFoundResponse("unknown host");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static Duration duration(String text) {
    Matcher m = SILENT_AFTER.matcher(text);
    if (!m.matches()) {
      throw new IllegalStateException("checked before: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** JSON body of {@code GET /api/hosts}. */
  public record HostsResponse(
      String now,
      @JsonProperty("silent_after_seconds") long silentAfterSeconds,
      List<HostJson> hosts) {
    public HostsResponse {
      hosts = List.copyOf(hosts);
    }
  }

  /** One host as JSON; {@code per_minute} ends with the current minute. */
  public record HostJson(
      String name,
      @JsonProperty("first_seen") String firstSeen,
      @JsonProperty("last_seen") String lastSeen,
      long messages,
      List<String> apps,
      @JsonProperty("per_minute") List<Long> perMinute,
      boolean retired,
      @JsonProperty("retired_at") String retiredAt,
      @JsonProperty("silent_seconds") long silentSeconds,
      boolean silent) {
    public HostJson {
      apps = List.copyOf(apps);
      perMinute = List.copyOf(perMinute);
    }

    static HostJson of(HostInfo h, Instant now, Duration silentAfter) {
      return new HostJson(
          h.name(),
          ApiTime.format(h.firstSeen()),
          ApiTime.format(h.lastSeen()),
          h.messages(),
          h.apps(),
          HostViews.perMinute(h, now),
          h.retired(),
          h.retired() ? ApiTime.format(h.retiredAt()) : null,
          HostViews.silentSeconds(h, now),
          HostViews.silent(h, now, silentAfter));
    }
  }
}
