package outpost.alerts.notify.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import outpost.alerts.notify.SmsText;

/**
 * A local stand-in for Twilio's {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} as
 * {@code twilio_api_v2010.json} specifies it: HTTP Basic auth with the account SID and auth token,
 * form fields {@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body} (or media or
 * content), a 201 JSON message resource, and Twilio's error bodies. Tests script failures with
 * {@link #failNext} and {@link #failFor}. Binds 127.0.0.1 on a free port. Thread-safe; close it.
 */
public final class FakeTwilioServer implements AutoCloseable {
  /** Twilio's date format in resources (RFC 2822), e.g. {@code Thu, 24 Aug 2023 05:01:45 +0000}. */
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final int MAX_BODY_CHARS = 1600;
  private static final int MAX_REQUEST_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One accepted message, as Twilio would have queued it. */
  public record Received(
      String sid,
      String accountSid,
      String to,
      String from,
      String messagingServiceSid,
      String body,
      Map<String, List<String>> form) {
    public Received {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      form.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      form = Collections.unmodifiableMap(copy);
    }
  }

  /** A scripted failure: HTTP status, Twilio error code (0 for none). */
  private record Failure(int status, int code) {}

  private final String accountSid;
  private final String authToken;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final Queue<Failure> nextFailures = new ConcurrentLinkedQueue<>();
  private final Map<String, Failure> failuresByTo = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeTwilioServer(String accountSid, String authToken, HttpServer server) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.server = server;
  }

  /** Starts a fake for one account. */
  public static FakeTwilioServer start(String accountSid, String authToken) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeTwilioServer fake = new FakeTwilioServer(accountSid, authToken, http);
    http.createContext("/", fake::handle);
    http.setExecutor(fake.executor);
    http.start();
    return fake;
  }

  /** A random account SID ({@code AC} and 32 hex digits). */
  public static String randomAccountSid() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return "AC" + HexFormat.of().formatHex(b);
  }

  /**
   * The {@code X-Twilio-Signature} Twilio sends with a webhook, computed as Twilio documents it:
   * HMAC-SHA1, keyed with the auth token, over the full URL followed by each POST parameter's name
   * and value in name order, base64-encoded. Lets tests play Twilio delivering an inbound SMS.
   */
  public static String signature(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** {@code http://127.0.0.1:port}: the API base to give the SDK instead of api.twilio.com. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code n} requests that pass authentication fail with this status and code. */
  public void failNext(int n, int status, int code) {
    for (int i = 0; i < n; i++) {
      nextFailures.add(new Failure(status, code));
    }
  }

  /** Every request to {@code to} fails with this status and code (e.g. 400 / 21211). */
  public void failFor(String to, int status, int code) {
    failuresByTo.put(to, new Failure(status, code));
  }

  /** Messages accepted (201), oldest first. */
  public List<Received> messages() {
    return List.copyOf(messages);
  }

  /** Requests received on any path, accepted or not. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      Matcher m = MESSAGES.matcher(ex.getRequestURI().getPath());
      if (!m.matches()) {
        error(
            ex,
            404,
            20404,
            "The requested resource " + ex.getRequestURI().getPath() + " was not found");
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        error(ex, 405, 20004, "Method not allowed");
        return;
      }
      if (!authenticated(ex)) {
        error(ex, 401, 20003, "Authenticate");
        return;
      }
      String pathSid = m.group(1);
      if (!ACCOUNT_SID.matcher(pathSid).matches() || !pathSid.equals(accountSid)) {
        error(
            ex,
            404,
            20404,
            "The requested resource " + ex.getRequestURI().getPath() + " was not found");
        return;
      }
      Failure f = nextFailures.poll();
      if (f != null) {
        error(ex, f.status(), f.code(), "scripted failure");
        return;
      }
      create(ex, readForm(ex));
    }
  }

  private void create(HttpExchange ex, Map<String, List<String>> form) throws IOException {
    String to = first(form, "To");
    String from = first(form, "From");
    String service = first(form, "MessagingServiceSid");
    String body = first(form, "Body");
    if (to.isEmpty()) {
      error(ex, 400, 21604, "A 'To' phone number is required.");
    } else if (from.isEmpty() && service.isEmpty()) {
      error(ex, 400, 21603, "A 'From' phone number is required.");
    } else if (!service.isEmpty() && !SERVICE_SID.matcher(service).matches()) {
      error(ex, 400, 21701, "The Messaging Service Sid " + service + " is invalid.");
    } else if (body.isEmpty()
        && first(form, "MediaUrl").isEmpty()
        && first(form, "ContentSid").isEmpty()) {
      error(ex, 400, 21602, "Message body is required.");
    } else if (body.length() > MAX_BODY_CHARS) {
      error(ex, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    } else if (!to.contains(":") && !E164.matcher(to).matches()) {
      error(ex, 400, 21211, "The 'To' number " + to + " is not a valid phone number.");
    } else if (failuresByTo.containsKey(to)) {
      Failure f = failuresByTo.get(to);
      error(ex, f.status(), f.code(), "scripted failure for " + to);
    } else {
      accept(ex, form, to, from, service, body);
    }
  }

  private void accept(
      HttpExchange ex,
      Map<String, List<String>> form,
      String to,
      String from,
      String service,
      String body)
      throws IOException {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String sid = "SM" + HexFormat.of().formatHex(b);
    String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account_sid", accountSid);
    json.put("api_version", "2010-04-01");
    json.put("body", body);
    json.put("date_created", now);
    json.put("date_sent", null);
    json.put("date_updated", now);
    json.put("direction", "outbound-api");
    json.put("error_code", null);
    json.put("error_message", null);
    json.put("from", from.isEmpty() ? null : from);
    json.put("messaging_service_sid", service.isEmpty() ? null : service);
    json.put("num_media", "0");
    json.put("num_segments", String.valueOf(SmsText.segments(body)));
    json.put("price", null);
    json.put("price_unit", "USD");
    json.put("sid", sid);
    json.put("status", "queued");
    json.put("subresource_uris", Map.of("media", uri + "/Media.json"));
    json.put("to", to);
    json.put("uri", uri + ".json");
    messages.add(new Received(sid, accountSid, to, from, service, body, form));
    respond(ex, 201, JSON.writeValueAsBytes(json));
  }

  private boolean authenticated(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String expected = accountSid + ":" + authToken;
    try {
      String given =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      return given.equals(expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, List<String>> readForm(HttpExchange ex) throws IOException {
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readNBytes(MAX_REQUEST_BYTES + 1);
    }
    if (raw.length > MAX_REQUEST_BYTES) {
      throw new IOException("request body exceeds " + MAX_REQUEST_BYTES + " bytes");
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    String s = new String(raw, StandardCharsets.UTF_8);
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return form;
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> v = form.get(key);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  private static void error(HttpExchange ex, int status, int code, String message)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    if (code != 0) {
      json.put("code", code);
    }
    json.put("message", message);
    if (code != 0) {
      json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    }
    json.put("status", status);
    respond(ex, status, JSON.writeValueAsBytes(json));
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.close();
  }
}
