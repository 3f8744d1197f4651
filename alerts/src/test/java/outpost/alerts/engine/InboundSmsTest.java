package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.InboundSmsReply;
import outpost.alerts.state.NotificationType;

class InboundSmsTest {
  static final String URL = "https://outpost.example/api/alerts/sms";

  @TempDir Path dir;

  /** What Twilio sends: HMAC-SHA1 over the URL and the sorted parameters, in Base64. */
  static String sign(String token, String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static Map<String, String> sms(String from, String body) {
    return Map.of(
        "From", from, "To", "+15550009999", "Body", body, "MessageSid", "SM" + "1".repeat(32));
  }

  private InboundSmsReply send(EngineFixture f, String from, String body) throws Exception {
    Map<String, String> p = sms(from, body);
    return f.engine.inboundSms(URL, p, sign(EngineFixture.TOKEN, URL, p));
  }

  private long hardProblem(EngineFixture f, String host) throws Exception {
    f.log(host, "sshd", "hello");
    f.engine.pollHosts();
    f.cycle(Duration.ofSeconds(30), 6);
    return f.view(host, "http").id();
  }

  @Test
  void ackFromAKnownContactAcknowledgesAndStopsReNotifications() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      long id = hardProblem(f, "web-2");
      InboundSmsReply reply = send(f, "+15550001111", "ack " + id);
      assertThat(reply.verified()).isTrue();
      assertThat(reply.reply()).isEqualTo("ACK " + id + " web-2/http acknowledged");
      var ack = f.view("web-2", "http").acknowledgement();
      assertThat(ack.author()).isEqualTo("alice");
      assertThat(ack.sticky()).isTrue();
      assertThat(f.notifier.of(NotificationType.ACKNOWLEDGEMENT)).hasSize(1);

      // web-2 keeps logging, so only its service is failing; nothing more is sent for it
      for (int i = 0; i < 4; i++) {
        f.log("web-2", "sshd", "still here");
        f.cycle(Duration.ofMinutes(10), 1);
      }
      assertThat(f.notifier.of(NotificationType.PROBLEM)).hasSize(1);
    }
  }

  @Test
  void ackAllAcknowledgesEveryUnacknowledgedHardProblem() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      hardProblem(f, "web-1");
      f.log("web-2", "sshd", "hello");
      f.engine.pollHosts();
      f.cycle(Duration.ofSeconds(30), 6);
      assertThat(send(f, "+15550001111", "ACK ALL").reply())
          .isEqualTo("ACK ALL: 2 problems acknowledged");
      assertThat(send(f, "+15550001111", "ACK ALL").reply())
          .isEqualTo("No unacknowledged problems.");
    }
  }

  @Test
  void wrongSignatureOrNoTwilioDoesNothing() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      long id = hardProblem(f, "web-3");
      Map<String, String> p = sms("+15550001111", "ACK " + id);
      String good = sign(EngineFixture.TOKEN, URL, p);
      assertThat(f.engine.inboundSms(URL, p, sign("another-token", URL, p)))
          .isEqualTo(new InboundSmsReply(false, ""));
      assertThat(f.engine.inboundSms(URL + "?x=1", p, good).verified()).isFalse();
      assertThat(f.engine.inboundSms(URL, p, null).verified()).isFalse();
      assertThat(f.view("web-3", "http").acknowledgement()).isNull();
    }
    try (var f = new EngineFixture(dir.resolve("no-twilio"), HostDiscoveryTest.FILE, null)) {
      Map<String, String> p = sms("+15550001111", "ACK 1");
      assertThat(f.engine.inboundSms(URL, p, sign(EngineFixture.TOKEN, URL, p)).verified())
          .isFalse();
    }
  }

  @Test
  void unknownSenderUnknownIdAndOkCheckGetAClearReply() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      long id = hardProblem(f, "web-4");
      assertThat(send(f, "+15557777777", "ACK " + id).reply())
          .isEqualTo("This number is not an Outpost contact.");
      assertThat(send(f, "+15550001111", "ACK 99999").reply()).isEqualTo("No check 99999.");
      long hostId = f.view("web-4", "").id();
      assertThat(send(f, "+15550001111", "ACK " + hostId).reply())
          .isEqualTo(hostId + " web-4 is OK: nothing to acknowledge.");
      assertThat(send(f, "+15550001111", "hello").reply()).startsWith("Not understood");
      assertThat(f.view("web-4", "http").acknowledgement()).isNull();
    }
  }
}
