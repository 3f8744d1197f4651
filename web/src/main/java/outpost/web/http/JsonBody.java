package outpost.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * Reads a request body as a JSON record for every controller; anything unreadable or empty is a 400
 * saying why. Stateless.
 */
public final class JsonBody {
  private static final int MAX_REASON_CHARS = 200;

  private JsonBody() {}

  public static <T> T read(Context ctx, Class<T> type) {
    T body;
    try {
      body = ctx.bodyAsClass(type);
    } catch (Exception e) {
      throw new BadRequestResponse("request body is not the expected JSON object: " + reason(e));
    }
    if (body == null) {
      throw new BadRequestResponse("request body is empty; expected a JSON object");
    }
    return body;
  }

  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException j) {
        String text = j.getOriginalMessage();
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS);
      }
    }
    return "unreadable";
  }

  /** {@code value}, or a 400 naming {@code field} when it is missing. */
  public static String required(String value, String field) {
    if (value == null) {
      throw new BadRequestResponse(field + ": is required");
    }
    return value;
  }
}
