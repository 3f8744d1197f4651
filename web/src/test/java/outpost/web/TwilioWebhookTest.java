package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.check.Status;

/**
 * {@code POST /api/twilio/sms}: no login and no CSRF token, only Twilio's signature over the public
 * URL; 403 when it does not verify; a TwiML answer with the reply escaped.
 */
class TwilioWebhookTest {
  private static final URI PUBLIC = URI.create("https://outpost.example.com/");
  private static final String SIGNED_URL = "https://outpost.example.com/api/twilio/sms";

  @TempDir Path dataDir;

  private TestServer start() throws IOException {
    TestServer web =
        new TestServer(dataDir, Map.of("index", () -> ComponentHealth.up(Map.of())), false, PUBLIC);
    web.alerts.put(
        AlertFixtures.check(
            17, "web-2", "http", Status.CRITICAL, "refused", TestServer.NOW.minusSeconds(60)));
    return web;
  }

  private static Map<String, String> sms(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("From", "+447900001234");
    params.put("To", "+15005550006");
    params.put("Body", body);
    return params;
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> post(
      TestServer web, Map<String, String> params, String sig, String... extra) {
    String[] headers = new String[4 + extra.length];
    headers[0] = "Content-Type";
    headers[1] = "application/x-www-form-urlencoded";
    headers[2] = "X-Twilio-Signature";
    headers[3] = sig;
    System.arraycopy(extra, 0, headers, 4, extra.length);
    return web.send("POST", "/api/twilio/sms", form(params), headers);
  }

  @Test
  void signedAckNeedsNoLoginNorCsrfAndAnswersTwiml() throws IOException {
    try (TestServer web = start()) {
      Map<String, String> params = sms("ACK 17");

      HttpResponse<String> response =
          post(
              web,
              params,
              FakeAlertService.sign(SIGNED_URL, params),
              // Twilio sends no Origin, but even a cross-site mark must not block a signed webhook
              "Sec-Fetch-Site",
              "cross-site");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
      assertThat(response.body())
          .isEqualTo(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>acknowledged 17"
                  + "</Message></Response>");
      assertThat(web.alerts.inboundUrls).containsExactly(SIGNED_URL);
      assertThat(web.alerts.get(17).acknowledgement().author()).isEqualTo("+447900001234");
    }
  }

  @Test
  void badOrMissingSignatureIs403AndChangesNothing() throws IOException {
    try (TestServer web = start()) {
      Map<String, String> params = sms("ACK 17");
      String good = FakeAlertService.sign(SIGNED_URL, params);
      Map<String, String> tampered = sms("ACK ALL");

      assertThat(post(web, tampered, good).statusCode()).isEqualTo(403);
      assertThat(post(web, params, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);
      HttpResponse<String> none =
          web.send(
              "POST",
              "/api/twilio/sms",
              form(params),
              "Content-Type",
              "application/x-www-form-urlencoded");
      assertThat(none.statusCode()).isEqualTo(403);
      assertThat(TestServer.json(none).get("error").asText()).isEqualTo("forbidden");
      assertThat(web.alerts.get(17).acknowledgement()).isNull();
    }
  }

  @Test
  void replyTextIsEscapedXml() throws IOException {
    try (TestServer web = start()) {
      Map<String, String> params = sms("<b>hi</b>");

      HttpResponse<String> response = post(web, params, FakeAlertService.sign(SIGNED_URL, params));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .endsWith(
              "<Response><Message>unknown command &lt;&lt;b&gt;hi&lt;/b&gt;&gt; &amp; ignored"
                  + "</Message></Response>");
    }
  }

  @Test
  void emptyReplyIsAnEmptyResponseAndJsonIsRefused() throws IOException {
    try (TestServer web = start()) {
      Map<String, String> params = sms("");
      HttpResponse<String> empty = post(web, params, FakeAlertService.sign(SIGNED_URL, params));
      assertThat(empty.body()).endsWith("<Response/>");

      HttpResponse<String> json =
          web.send("POST", "/api/twilio/sms", "{\"Body\":\"ACK 17\"}", "X-Twilio-Signature", "x");
      assertThat(json.statusCode()).isEqualTo(415);
    }
  }

  @Test
  void withoutAPublicUrlTheRequestUrlIsSigned() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      Map<String, String> params = sms("hello");
      String url = "http://127.0.0.1:" + web.port + "/api/twilio/sms";

      assertThat(post(web, params, FakeAlertService.sign(url, params)).statusCode()).isEqualTo(200);
      assertThat(web.alerts.inboundUrls).containsExactly(url);
    }
  }
}
