package outpost.alerts.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeTwilioServerTest {
  private static final String TOKEN = "fake-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String sid = FakeTwilioServer.randomAccountSid();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeTwilioServer fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeTwilioServer.start(sid, TOKEN);
  }

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  private HttpResponse<String> post(
      String account, String user, String pass, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(fake.baseUri() + "/2010-04-01/Accounts/" + account + "/Messages.json"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      String basic =
          Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
      b.header("Authorization", "Basic " + basic);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(Map<String, String> form) throws Exception {
    return post(sid, sid, TOKEN, form);
  }

  private static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void assertError(HttpResponse<String> r, int status, int code) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.get("code").asInt()).isEqualTo(code);
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("more_info").asText())
        .isEqualTo("https://www.twilio.com/docs/errors/" + code);
    assertThat(json.get("message").asText()).isNotBlank();
  }

  @Test
  void acceptsAValidMessageWithTheResourceTwilioReturns() throws Exception {
    HttpResponse<String> r =
        post(form("To", "+447911123456", "From", "+15005550006", "Body", "hi"));

    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.get("sid").asText()).matches("SM[0-9a-f]{32}");
    assertThat(json.get("status").asText()).isEqualTo("queued");
    assertThat(json.get("to").asText()).isEqualTo("+447911123456");
    assertThat(json.get("from").asText()).isEqualTo("+15005550006");
    assertThat(json.get("num_segments").asText()).isEqualTo("1");
    assertThat(json.get("date_created").asText())
        .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(fake.messages())
        .singleElement()
        .extracting(FakeTwilioServer.Received::body)
        .isEqualTo("hi");
  }

  @Test
  void rejectsMissingOrWrongCredentialsWith20003() throws Exception {
    assertError(
        post(sid, null, null, form("To", "+447911123456", "From", "+15005550006", "Body", "x")),
        401,
        20003);
    assertError(
        post(sid, sid, "wrong", form("To", "+447911123456", "From", "+15005550006", "Body", "x")),
        401,
        20003);
    assertThat(fake.messages()).isEmpty();
  }

  @Test
  void rejectsAnotherAccountInThePath() throws Exception {
    String other = FakeTwilioServer.randomAccountSid();
    assertError(
        post(other, sid, TOKEN, form("To", "+447911123456", "From", "+15005550006", "Body", "x")),
        404,
        20404);
  }

  @Test
  void validatesRequiredFieldsAsTheSpecSays() throws Exception {
    assertError(post(form("To", "+447911123456", "From", "+15005550006")), 400, 21602);
    assertError(post(form("From", "+15005550006", "Body", "x")), 400, 21604);
    assertError(post(form("To", "+447911123456", "Body", "x")), 400, 21603);
    assertError(
        post(form("To", "+447911123456", "MessagingServiceSid", "MGnothex", "Body", "x")),
        400,
        21701);
    assertError(post(form("To", "12345", "From", "+15005550006", "Body", "x")), 400, 21211);
    assertError(
        post(form("To", "+447911123456", "From", "+15005550006", "Body", "x".repeat(1601))),
        400,
        21617);
    assertThat(fake.messages()).isEmpty();
  }

  @Test
  void acceptsAMessagingServiceInsteadOfFrom() throws Exception {
    String service = "MG" + "a".repeat(32);
    HttpResponse<String> r =
        post(form("To", "+447911123456", "MessagingServiceSid", service, "Body", "x"));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(r.body()).get("messaging_service_sid").asText()).isEqualTo(service);
  }

  @Test
  void failsAsScripted() throws Exception {
    fake.failNext(2, 503, 0);
    fake.failFor("+447911000000", 400, 21610);
    Map<String, String> ok = form("To", "+447911123456", "From", "+15005550006", "Body", "x");

    assertThat(post(ok).statusCode()).isEqualTo(503);
    assertThat(post(ok).statusCode()).isEqualTo(503);
    assertThat(post(ok).statusCode()).isEqualTo(201);
    assertError(post(form("To", "+447911000000", "From", "+15005550006", "Body", "x")), 400, 21610);
    assertThat(fake.messages()).hasSize(1);
    assertThat(fake.requests()).isEqualTo(4);
  }

  @Test
  void answersUnknownPathsWith404() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.baseUri() + "/2010-04-01/Nope.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(r, 404, 20404);
  }
}
