package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import outpost.alerts.notify.twilio.FakeTwilioServer;

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

  static String sign(String token, String url, Map<String, String> params) {
    return FakeTwilioServer.signature(token, url, params);
  }

  @Test
  void acceptsTheSignatureTwilioComputes() {
    assertThat(TwilioSignature.verify(TOKEN, URL, PARAMS, sign(TOKEN, URL, PARAMS))).isTrue();
  }

  @Test
  void rejectsTamperedParametersUrlTokenOrSignature() {
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
