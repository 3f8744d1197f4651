package outpost.web.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.AlertsElsewhereException;
import outpost.index.QueryException;
import outpost.web.alerts.AlertJson;
import outpost.web.api.ErrorResponse;
import outpost.web.auth.AccountException;

/**
 * The one place where exceptions become HTTP responses, each with an {@link ErrorResponse} body:
 * bad parameters and queries 400 (naming parameter and value), missing or wrong login 401 (with a
 * Basic challenge unless the UI asked), pages without a login 302 to the login page, refused user
 * and token changes 400/404/409, alerts asked of a node that does not run them 409 (with the URL of
 * the node that does, {@code AlertJson.ElsewhereJson}), throttled logins 429, Javalin's own errors
 * (404, 405, 413, ...) with their status, and anything else 500, logged with the throwable and an
 * incident id that the body repeats, with no internals in the body. Stateless.
 */
public final class ErrorMapper {
  /** The challenge sent with every 401 (RFC 7617 section 2). */
  public static final String CHALLENGE = "Basic realm=\"Outpost\"";

  /**
   * The browser UI sends {@code X-Requested-With: outpost-ui} with its fetches; a 401 to those
   * carries no challenge, so the browser never shows its own Basic login prompt.
   */
  public static final String REQUESTED_WITH = "X-Requested-With";

  public static final String UI_CLIENT = "outpost-ui";

  /** Echoed parameter values are cut to this length. */
  static final int MAX_ECHOED_CHARS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final String CONVERSION_FAILED = "TYPE_CONVERSION_FAILED";
  private static final String NULL_CHECK_FAILED = "NULLCHECK_FAILED";

  private ErrorMapper() {}

  /** Registers the handlers. */
  public static void register(RoutesConfig routes) {
    routes.exception(ValidationException.class, ErrorMapper::badParameter);
    routes.exception(
        QueryException.class,
        (e, ctx) -> respond(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), null));
    routes.exception(
        AuthenticationRequired.class,
        (e, ctx) -> {
          if (!UI_CLIENT.equalsIgnoreCase(ctx.header(REQUESTED_WITH))) {
            ctx.header(Header.WWW_AUTHENTICATE, CHALLENGE);
          }
          respond(ctx, HttpStatus.UNAUTHORIZED, e.getMessage(), null);
        });
    routes.exception(
        LoginRedirect.class,
        (e, ctx) -> ctx.status(HttpStatus.FOUND).header(Header.LOCATION, e.location()));
    routes.exception(AccountException.class, ErrorMapper::account);
    routes.exception(
        AlertsElsewhereException.class,
        (e, ctx) -> ctx.status(HttpStatus.CONFLICT).json(AlertJson.ElsewhereJson.of(e)));
    routes.exception(
        TooManyAttempts.class,
        (e, ctx) -> {
          ctx.header(Header.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
          respond(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null);
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> respond(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), null));
    routes.exception(Exception.class, ErrorMapper::internal);
  }

  private static void account(AccountException e, Context ctx) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case CONFLICT -> HttpStatus.CONFLICT;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    respond(ctx, status, e.getMessage(), null);
  }

  private static void badParameter(ValidationException e, Context ctx) {
    Map.Entry<String, List<ValidationError<Object>>> first =
        e.getErrors().entrySet().iterator().next();
    String parameter = first.getKey();
    ValidationError<Object> error = first.getValue().get(0);
    respond(ctx, HttpStatus.BAD_REQUEST, describe(parameter, error), parameter);
  }

  /** E.g. {@code limit '0': must be between 1 and 10000} or {@code field: is required}. */
  static String describe(String parameter, ValidationError<Object> error) {
    if (NULL_CHECK_FAILED.equals(error.getMessage())) {
      return parameter + ": is required";
    }
    return parameter + " '" + echo(error.value) + "': " + reason(error);
  }

  private static String reason(ValidationError<Object> error) {
    if (!CONVERSION_FAILED.equals(error.getMessage())) {
      return error.getMessage();
    }
    Exception cause = error.exception();
    if (cause instanceof NumberFormatException) {
      return "not a whole number in range";
    }
    // Our converters (TimeParser) throw IllegalArgumentException with a message for the user.
    return cause instanceof IllegalArgumentException && cause.getMessage() != null
        ? cause.getMessage()
        : "not a valid value";
  }

  private static String echo(Object value) {
    String text = String.valueOf(value);
    return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "...";
  }

  private static void internal(Exception e, Context ctx) {
    String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    LOG.error("{} {} failed, incident {}", ctx.method(), ctx.path(), incident, e);
    respond(
        ctx,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error, incident " + incident + "; see the server log",
        null);
  }

  private static void respond(Context ctx, HttpStatus status, String message, String parameter) {
    ctx.status(status).json(new ErrorResponse(code(status), message, parameter));
  }

  /** E.g. {@code bad_request}, {@code not_found}, {@code internal_error}. */
  static String code(HttpStatus status) {
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      return "internal_error";
    }
    return status.getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }
}
