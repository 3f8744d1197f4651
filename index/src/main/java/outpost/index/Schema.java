package outpost.index;

import java.util.Set;

/**
 * Field names shared by ingest (which fills them), the index (which stores them) and the API (which
 * returns them). Stateless.
 */
public final class Schema {
  public static final String TIMESTAMP = "@timestamp";
  public static final String RECEIVED = "received";
  public static final String HOST = "host";
  public static final String APP = "app";
  public static final String PROC_ID = "procid";
  public static final String MSG_ID = "msgid";
  public static final String FACILITY = "facility";
  public static final String SEVERITY = "severity";
  public static final String MESSAGE = "message";
  public static final String RAW = "raw";
  public static final String TRANSPORT = "transport";
  public static final String PARSE_ERROR = "parse_error";

  // access-log fields, extracted by ingest.access
  public static final String CLIENT_IP = "client_ip";
  public static final String USER = "user";
  public static final String METHOD = "method";
  public static final String PATH = "path";
  public static final String PROTOCOL = "protocol";
  public static final String STATUS = "status";
  public static final String BYTES = "bytes";
  public static final String REFERER = "referer";
  public static final String USER_AGENT = "user_agent";

  /** Request duration in microseconds. */
  public static final String DURATION = "duration";

  public static final String VHOST = "vhost";

  /** Extracted fields indexed as longs (points and doc values), so ranges work. */
  public static final Set<String> NUMERIC_FIELDS = Set.of(STATUS, BYTES, DURATION);

  private Schema() {}
}
