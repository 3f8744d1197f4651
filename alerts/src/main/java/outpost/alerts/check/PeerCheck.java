package outpost.alerts.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code peer} kind: another Outpost's {@code GET /health}. Status {@code up} is OK, {@code
 * degraded} WARNING, {@code down}, a 503 or no answer CRITICAL; the output names the components
 * that are not up. Thread-safe: immutable; the shared client is.
 */
final class PeerCheck implements Check {
  static final Set<String> PARAMS = Set.of("url", "timeout", "insecure", "ca_file");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final HttpRequest request;
  private final Duration timeout;
  private final InstantSource clock;

  PeerCheck(Params p, HttpClients clients, InstantSource clock) {
    this.clock = clock;
    this.timeout = p.duration("timeout", Duration.ofSeconds(10));
    URI url = health(p.required("url").strip());
    boolean insecure = p.bool("insecure", false);
    Path caFile = p.string("ca_file").map(Path::of).orElse(null);
    if (insecure && caFile != null) {
      throw new CheckConfigException("insecure", "cannot be combined with ca_file");
    }
    this.client = clients.client(new HttpClients.Key(false, insecure, caFile));
    this.request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
  }

  /** The peer's base URL with {@code /health} appended unless it already ends so. */
  static URI health(String text) {
    try {
      URI base = new URI(text);
      if (base.getScheme() == null
          || !Set.of("http", "https").contains(base.getScheme().toLowerCase(java.util.Locale.ROOT))
          || base.getHost() == null) {
        throw new CheckConfigException(
            "url", "\"" + text + "\" must be an http:// or https:// URL with a host");
      }
      String path = base.getPath() == null ? "" : base.getPath();
      if (path.endsWith("/health")) {
        return base;
      }
      String joined = (path.endsWith("/") ? path : path + "/") + "health";
      return new URI(
          base.getScheme(),
          base.getRawAuthority() == null ? null : base.getAuthority(),
          joined,
          null,
          null);
    } catch (URISyntaxException e) {
      throw new CheckConfigException("url", "\"" + text + "\" is not a URL: " + e.getReason());
    }
  }

  @Override
  public String kind() {
    return "peer";
  }

  @Override
  public CheckResult run() throws InterruptedException {
    long start = System.nanoTime();
    String where = request.uri().toString();
    HttpExchange.Response r;
    try {
      r = HttpExchange.send(client, request, timeout);
    } catch (HttpExchange.Failure f) {
      return Results.result(
          clock, start, Status.CRITICAL, "PEER CRITICAL: " + f.getMessage(), where, List.of());
    }
    int code = r.response().statusCode();
    JsonNode body;
    try {
      body = JSON.readTree(r.body().head());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.path("status").isTextual()) {
      Status s = code == 200 ? Status.UNKNOWN : Status.CRITICAL;
      return Results.result(
          clock,
          start,
          s,
          "PEER " + s + ": HTTP " + code + " without a health status from " + where);
    }
    String overall = body.path("status").asText();
    List<String> notUp = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> components = body.path("components").fields();
    while (components.hasNext()) {
      Map.Entry<String, JsonNode> c = components.next();
      String cs = c.getValue().path("status").asText("");
      if (!cs.equals("up")) {
        JsonNode details = c.getValue().path("details");
        String d =
            details.isMissingNode() || details.isNull()
                ? ""
                : " " + Results.printable(details.toString(), 120);
        notUp.add(Results.printable(c.getKey(), 40) + " " + Results.printable(cs, 20) + d);
      }
    }
    Status s =
        code == 503 || overall.equals("down")
            ? Status.CRITICAL
            : overall.equals("degraded")
                ? Status.WARNING
                : overall.equals("up") && code == 200 ? Status.OK : Status.CRITICAL;
    String detail =
        notUp.isEmpty() ? "status " + Results.printable(overall, 20) : String.join(", ", notUp);
    PerfValue time =
        new PerfValue("time", Math.round(r.seconds() * 1000) / 1000.0, "s", "", "", 0.0, null);
    return Results.result(
        clock,
        start,
        s,
        "PEER " + s + ": " + detail + " (HTTP " + code + ")",
        where,
        List.of(time));
  }
}
