package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
  private static final String TOKEN = "12345abcdef";
  private static final String URL = "https://outpost.example.com/api/twilio/sms?tenant=a";
  private static final Map<String, String> PARAMS =
      Map.of(
          "From",
          "+447911123456",
          "To",
          "+15005550006",
          "Body",
          "ACK 17",
          "MessageSid",
          "SM" + "1".repeat(32));

  /** Twilio's documented scheme: HMAC-SHA1 over the URL and each sorted name and value, base64. */
  static String sign(String token, String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void acceptsTheSignatureTwilioComputes() throws Exception {
    assertThat(TwilioSignature.verify(TOKEN, URL, PARAMS, sign(TOKEN, URL, PARAMS))).isTrue();
  }

  @Test
  void rejectsTamperedParametersUrlTokenOrSignature() throws Exception {
    String good = sign(TOKEN, URL, PARAMS);
    Map<String, String> tampered = new TreeMap<>(PARAMS);
    tampered.put("Body", "ACK ALL");

    assertThat(TwilioSignature.verify(TOKEN, URL, tampered, good)).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL.replace("tenant=a", "tenant=b"), PARAMS, good))
        .isFalse();
    assertThat(TwilioSignature.verify("other-token", URL, PARAMS, good)).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL, PARAMS, good.substring(1))).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL, PARAMS, "")).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL, PARAMS, null)).isFalse();
  }
}
