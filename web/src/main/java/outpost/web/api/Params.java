package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import outpost.web.http.AccessFilter;

/**
 * Query parameters shared by several controllers: {@code q} and the range {@code from}/{@code to}.
 * Javalin runs checks on absent parameters too, with null: every check lets null pass. Stateless.
 */
final class Params {
  static final int MAX_QUERY_CHARS = 4096;
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  private static final TimeSpec NOW = new TimeSpec.Relative("now", Duration.ZERO);

  private Params() {}

  /** A resolved time range, {@code from} inclusive, {@code to} exclusive. */
  record Range(Instant from, Instant to) {}

  /** {@code q}: Lucene syntax, blank matches all, at most {@value #MAX_QUERY_CHARS} characters. */
  static String query(Context ctx) {
    return ctx.queryParamAsClass("q", String.class)
        .check(
            q -> q == null || q.length() <= MAX_QUERY_CHARS,
            "longer than " + MAX_QUERY_CHARS + " characters")
        .getOrDefault("");
  }

  /** An optional whole-number parameter within {@code min..max}. */
  static int intParam(Context ctx, String name, int min, int max, int defaultValue) {
    return ctx.queryParamAsClass(name, Integer.class)
        .check(n -> n == null || n >= min && n <= max, "must be between " + min + " and " + max)
        .getOrDefault(defaultValue);
  }

  /**
   * Resolves {@code from} and {@code to} against one "now" per request, in milliseconds. Needs the
   * {@link TimeSpec} converter that {@code WebServer} registers ({@link TimeParser#parse}).
   */
  static Range range(Context ctx, InstantSource clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant to = ctx.queryParamAsClass("to", TimeSpec.class).getOrDefault(NOW).resolve(now);
    TimeSpec from =
        ctx.queryParamAsClass("from", TimeSpec.class)
            .check(
                f -> f == null || f.resolve(now).isBefore(to),
                "must be before to (" + ApiTime.format(to) + ")")
            .getOrNull();
    return new Range(from == null ? to.minus(DEFAULT_RANGE) : from.resolve(now), to);
  }

  /** The authenticated user's name, which the access filter put on every non-public route. */
  static String user(Context ctx) {
    String user = ctx.attribute(AccessFilter.USER_ATTRIBUTE);
    if (user == null) {
      throw new IllegalStateException("no authenticated user on " + ctx.path());
    }
    return user;
  }

  /** A 400 naming {@code parameter}, as the error mapper renders a failed parameter check. */
  static ValidationException invalid(String parameter, Object value, String reason) {
    return new ValidationException(
        Map.of(parameter, List.of(new ValidationError<>(reason, Map.of(), value))));
  }
}
