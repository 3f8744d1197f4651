package outpost.web.alerts;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import outpost.web.http.AccessFilter;

/**
 * Reading the checks API's requests (bodies through {@link outpost.web.http.JsonBody}): numeric
 * path ids, ISO instants, and 400s that name the field or parameter and the value, rendered by the
 * one error mapper. Stateless.
 */
final class Requests {
  private static final int MAX_ECHO_CHARS = 100;

  private Requests() {}

  /** The numeric path parameter {@code name}; anything else is a 404 (no such resource). */
  static long id(Context ctx, String name, String what) {
    String text = ctx.pathParam(name);
    try {
      long id = Long.parseLong(text);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // not a number: no such thing, as for any other unknown id
    }
    throw new NotFoundResponse("no " + what + " with id '" + echo(text) + "'");
  }

  /** An ISO-8601 instant with {@code Z} or an offset; null stays null; else a 400 naming field. */
  static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeException e) {
      throw invalid(field, text, "not an ISO-8601 time with zone, e.g. 2026-11-23T14:00:00Z");
    }
  }

  /** A 400 naming {@code field}, as the error mapper renders a failed parameter check. */
  static ValidationException invalid(String field, Object value, String reason) {
    return new ValidationException(
        Map.of(field, List.of(new ValidationError<>(reason, Map.of(), value))));
  }

  /** {@code value} when it is at most {@code max} characters, else a 400 naming field. */
  static String limited(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw invalid(field, value, "longer than " + max + " characters");
    }
    return value;
  }

  /** The logged-in user's name (every route here but the webhook needs a login). */
  static String user(Context ctx) {
    String user = AccessFilter.user(ctx);
    if (user == null) {
      throw new IllegalStateException("no authenticated user on " + ctx.path());
    }
    return user;
  }

  private static String echo(String text) {
    return text.length() <= MAX_ECHO_CHARS ? text : text.substring(0, MAX_ECHO_CHARS) + "...";
  }
}
