package outpost.alerts.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The {@code http} and {@code https} kinds: one request, then the status code, the body, the
 * response time and (https) the days until the server's certificate expires, each against its own
 * threshold; the worst decides. Output in the style of {@code check_http}: {@code HTTP OK: HTTP/1.1
 * 200 OK - 512 bytes in 0.012 second response time |time=0.012s;;;0 size=512B;;;0}. Thread-safe:
 * immutable, and the shared client is.
 */
final class HttpCheck implements Check {
  static final Set<String> PARAMS =
      Set.of(
          "url",
          "method",
          "expect_status",
          "body_contains",
          "body_regex",
          "warning",
          "critical",
          "timeout",
          "headers",
          "follow_redirects",
          "insecure",
          "ca_file");
  static final Set<String> HTTPS_PARAMS =
      union(PARAMS, Set.of("cert_warning_days", "cert_critical_days"));
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
  private static final Duration DAY = Duration.ofDays(1);

  private final String kind;
  private final HttpClient client;
  private final HttpRequest request;
  private final HttpStatusCodes expect;
  private final String bodyContains;
  private final Pattern bodyRegex;
  private final Optional<NagiosRange> warning;
  private final Optional<NagiosRange> critical;
  private final Duration timeout;
  private final Optional<Integer> certWarningDays;
  private final Optional<Integer> certCriticalDays;
  private final InstantSource clock;

  HttpCheck(Params p, HttpClients clients, InstantSource clock) {
    this.kind = p.kind();
    boolean https = kind.equals("https");
    this.clock = clock;
    URI url = url(p, https);
    this.timeout = p.duration("timeout", Duration.ofSeconds(10));
    this.expect = HttpStatusCodes.parse("expect_status", p.string("expect_status", "200-399"));
    this.bodyContains = p.string("body_contains").orElse(null);
    this.bodyRegex = p.string("body_regex").map(HttpCheck::regex).orElse(null);
    this.warning = p.range("warning");
    this.critical = p.range("critical");
    this.certWarningDays =
        https ? p.optionalInteger("cert_warning_days", 0, 3650) : Optional.empty();
    this.certCriticalDays =
        https ? p.optionalInteger("cert_critical_days", 0, 3650) : Optional.empty();
    String method = p.string("method", "GET").strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new CheckConfigException("method", "\"" + method + "\" is not one of " + METHODS);
    }
    boolean insecure = p.bool("insecure", false);
    Path caFile = p.string("ca_file").map(Path::of).orElse(null);
    if (insecure && caFile != null) {
      throw new CheckConfigException("insecure", "cannot be combined with ca_file");
    }
    this.client =
        clients.client(new HttpClients.Key(p.bool("follow_redirects", false), insecure, caFile));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (String[] h : headers(p.string("headers").orElse(""))) {
      try {
        b.header(h[0], h[1]);
      } catch (IllegalArgumentException e) {
        throw new CheckConfigException(
            "headers", "header \"" + h[0] + "\" is not allowed: " + e.getMessage());
      }
    }
    this.request = b.build();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static URI url(Params p, boolean https) {
    String address = p.target().address();
    // an IPv6 literal needs brackets in a URL (RFC 3986 section 3.2.2); host:port has one colon
    String host =
        address.indexOf(':') != address.lastIndexOf(':') && !address.startsWith("[")
            ? "[" + address + "]"
            : "$HOSTADDRESS$";
    String text = p.string("url", (https ? "https://" : "http://") + host + "/");
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new CheckConfigException("url", "\"" + text + "\" is not a URL: " + e.getReason());
    }
    String scheme = https ? "https" : "http";
    if (!scheme.equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new CheckConfigException(
          "url",
          "\""
              + text
              + "\" must be an absolute "
              + scheme
              + ":// URL with a host for kind "
              + scheme);
    }
    return url;
  }

  private static Pattern regex(String r) {
    try {
      return Pattern.compile(r);
    } catch (PatternSyntaxException e) {
      throw new CheckConfigException(
          "body_regex", "\"" + r + "\" is not a regular expression: " + e.getDescription());
    }
  }

  /** {@code Name: value} lines (a YAML block scalar holds several). */
  static List<String[]> headers(String text) {
    List<String[]> headers = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new CheckConfigException(
            "headers", "line \"" + line.strip() + "\" is not \"Name: value\"");
      }
      headers.add(
          new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
    }
    return headers;
  }

  /** The URL requested. */
  URI uri() {
    return request.uri();
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public CheckResult run() throws InterruptedException {
    long start = System.nanoTime();
    HttpExchange.Response r;
    try {
      r = HttpExchange.send(client, request, timeout);
    } catch (HttpExchange.Failure f) {
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          f.getMessage(),
          request.method() + " " + request.uri(),
          List.of());
    }
    int code = r.response().statusCode();
    List<String> problems = new ArrayList<>();
    Status status = Status.OK;
    if (!expect.accepts(code)) {
      status = Status.CRITICAL;
      problems.add("status " + code + " not in " + expect.text());
    }
    String body = new String(r.body().head(), StandardCharsets.UTF_8);
    if (bodyContains != null && !body.contains(bodyContains)) {
      status = Status.CRITICAL;
      problems.add("string '" + bodyContains + "' not found");
    }
    if (bodyRegex != null && !bodyRegex.matcher(body).find()) {
      status = Status.CRITICAL;
      problems.add("pattern '" + bodyRegex.pattern() + "' not found");
    }
    Status latency = Results.threshold(r.seconds(), warning, critical);
    if (latency != Status.OK) {
      problems.add(
          "response time "
              + Results.seconds(r.seconds())
              + "s beyond "
              + (latency == Status.CRITICAL ? critical : warning).get());
    }
    status = Results.worst(status, latency);
    if (certWarningDays.isPresent() || certCriticalDays.isPresent()) {
      Status cert = certificate(r, problems);
      status = Results.worst(status, cert);
    }
    String line = statusLine(r, code);
    String output =
        "HTTP "
            + status
            + ": "
            + line
            + (problems.isEmpty() ? "" : " - " + String.join(", ", problems))
            + " - "
            + r.body().size()
            + " bytes in "
            + Results.seconds(r.seconds())
            + " second response time";
    List<PerfValue> perf =
        List.of(
            Results.perf("time", round(r.seconds()), "s", warning, critical, 0.0, null),
            Results.perf(
                "size", r.body().size(), "B", Optional.empty(), Optional.empty(), 0.0, null));
    return Results.result(clock, start, status, output, "", perf);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static String statusLine(HttpExchange.Response r, int code) {
    String version = r.response().version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
    String reason = HttpStatusCodes.reason(code);
    return version + " " + code + (reason.isEmpty() ? "" : " " + reason);
  }

  /** Checks the leaf certificate's days to expiry; adds a problem when it is too close. */
  private Status certificate(HttpExchange.Response r, List<String> problems) {
    X509Certificate leaf;
    try {
      Certificate[] chain = r.response().sslSession().orElseThrow().getPeerCertificates();
      leaf = (X509Certificate) chain[0];
    } catch (SSLPeerUnverifiedException | java.util.NoSuchElementException e) {
      problems.add("no server certificate to check");
      return Status.UNKNOWN;
    }
    Instant notAfter = leaf.getNotAfter().toInstant();
    Duration left = Duration.between(clock.instant(), notAfter);
    String subject = leaf.getSubjectX500Principal().getName();
    if (left.isNegative()) {
      problems.add("certificate '" + subject + "' expired on " + notAfter);
      return Status.CRITICAL;
    }
    long days = left.dividedBy(DAY);
    Status s = Status.OK;
    if (certCriticalDays.isPresent() && days < certCriticalDays.get()) {
      s = Status.CRITICAL;
    } else if (certWarningDays.isPresent() && days < certWarningDays.get()) {
      s = Status.WARNING;
    }
    if (s != Status.OK) {
      problems.add(
          "certificate '"
              + subject
              + "' expires in "
              + days
              + " day"
              + (days == 1 ? "" : "s")
              + " ("
              + notAfter
              + ")");
    }
    return s;
  }
}
