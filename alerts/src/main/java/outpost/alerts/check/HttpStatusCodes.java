package outpost.alerts.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status codes a check accepts, written as a list of codes and ranges ({@code 200-399},
 * {@code 200,301-302}), and the standard reason phrases for outputs (the JDK client does not expose
 * the server's). Immutable and thread-safe.
 *
 * @param ranges inclusive [low, high] pairs
 * @param text as written
 */
record HttpStatusCodes(List<int[]> ranges, String text) {
  HttpStatusCodes {
    ranges = List.copyOf(ranges);
  }

  /**
   * Parses {@code text}.
   *
   * @throws CheckConfigException for the parameter {@code expect_status}
   */
  static HttpStatusCodes parse(String param, String text) {
    List<int[]> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int dash = p.indexOf('-');
      int low = code(param, text, dash < 0 ? p : p.substring(0, dash));
      int high = dash < 0 ? low : code(param, text, p.substring(dash + 1));
      if (low > high) {
        throw new CheckConfigException(
            param, "\"" + p + "\" is an empty range (" + low + " > " + high + ")");
      }
      ranges.add(new int[] {low, high});
    }
    return new HttpStatusCodes(ranges, text.strip());
  }

  private static int code(String param, String text, String s) {
    try {
      int c = Integer.parseInt(s.strip());
      if (c >= 100 && c <= 599) {
        return c;
      }
    } catch (NumberFormatException e) {
      // reported below with the whole value
    }
    throw new CheckConfigException(
        param, "\"" + text + "\" is not a list of status codes 100..599 (e.g. 200-399,404)");
  }

  boolean accepts(int status) {
    for (int[] r : ranges) {
      if (status >= r[0] && status <= r[1]) {
        return true;
      }
    }
    return false;
  }

  /** The standard reason phrase of {@code status}, empty for codes without one. */
  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 101 -> "Switching Protocols";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
