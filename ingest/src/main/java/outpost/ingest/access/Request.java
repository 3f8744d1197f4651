package outpost.ingest.access;

/**
 * The request line {@code METHOD SP target [SP protocol]} of an access-log entry. A line that does
 * not have that shape (a TLS handshake sent to port 80, {@code -} for a timed-out request) yields
 * empty parts. Immutable.
 */
record Request(String method, String path, String protocol) {
  private static final Request NONE = new Request("", "", "");

  /** Longest method name accepted; WebDAV's VERSION-CONTROL is 15. */
  static final int MAX_METHOD_LENGTH = 32;

  static Request parse(String line) {
    int firstSpace = line.indexOf(' ');
    if (firstSpace <= 0 || firstSpace > MAX_METHOD_LENGTH || !isMethod(line, firstSpace)) {
      return NONE;
    }
    String method = line.substring(0, firstSpace);
    int lastSpace = line.lastIndexOf(' ');
    if (lastSpace > firstSpace && line.startsWith("HTTP/", lastSpace + 1)) {
      return new Request(
          method, line.substring(firstSpace + 1, lastSpace), line.substring(lastSpace + 1));
    }
    // HTTP/0.9 style "GET /path", or a path with spaces and no protocol
    return new Request(method, line.substring(firstSpace + 1), "");
  }

  private static boolean isMethod(String line, int end) {
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
