package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import outpost.alerts.notify.twilio.FakeTwilioServer;

class TwilioSmsSenderTest {
  static final String TOKEN = "secret-auth-token-4242";
  static final String FROM = "+15005550006";
  static final String TO = "+447911123456";
  private final String account = FakeTwilioServer.randomAccountSid();
  private FakeTwilioServer fake;
  private TwilioSmsSender sender;

  @BeforeEach
  void start() throws IOException {
    fake = FakeTwilioServer.start(account, TOKEN);
    sender = new TwilioSmsSender(new TwilioSettings(account, TOKEN, FROM, "", fake.baseUri()));
  }

  @AfterEach
  void stop() {
    sender.close();
    fake.close();
  }

  @Test
  void sendsOneSmsWithTheFormFieldsAndAuthOfTheAccount() {
    SendOutcome outcome = sender.send(TO, "CRITICAL web-2/http: refused ACK 17");

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    FakeTwilioServer.Received m = fake.messages().getFirst();
    assertThat(((SendOutcome.Sent) outcome).id()).isEqualTo(m.sid()).matches("SM[0-9a-f]{32}");
    assertThat(m.accountSid()).isEqualTo(account);
    assertThat(m.to()).isEqualTo(TO);
    assertThat(m.from()).isEqualTo(FROM);
    assertThat(m.body()).isEqualTo("CRITICAL web-2/http: refused ACK 17");
    assertThat(m.form()).containsOnlyKeys("To", "From", "Body");
    assertThat(fake.requests()).isEqualTo(1);
  }

  @Test
  void sendsThroughAMessagingService() {
    String service = "MG" + "0123456789abcdef".repeat(2);
    TwilioSmsSender viaService =
        new TwilioSmsSender(new TwilioSettings(account, TOKEN, "", service, fake.baseUri()));

    assertThat(viaService.send(TO, "hello")).isInstanceOf(SendOutcome.Sent.class);
    assertThat(fake.messages().getFirst().messagingServiceSid()).isEqualTo(service);
    assertThat(fake.messages().getFirst().form()).doesNotContainKey("From");
  }

  @Test
  void serverErrorsAndRateLimitsAreTemporaryAndNotRetriedInsideTheSdk() {
    fake.failNext(1, 503, 0);
    fake.failNext(1, 429, 20429);
    fake.failNext(1, 400, 30003);
    fake.failNext(1, 500, 20500);

    assertThat(sender.send(TO, "x"))
        .isInstanceOfSatisfying(
            SendOutcome.TemporaryFailure.class, f -> assertThat(f.code()).isEqualTo(503));
    assertThat(sender.send(TO, "x"))
        .isInstanceOfSatisfying(
            SendOutcome.TemporaryFailure.class, f -> assertThat(f.code()).isEqualTo(20429));
    assertThat(sender.send(TO, "x"))
        .isInstanceOfSatisfying(
            SendOutcome.TemporaryFailure.class, f -> assertThat(f.code()).isEqualTo(30003));
    assertThat(sender.send(TO, "x"))
        .isInstanceOfSatisfying(
            SendOutcome.TemporaryFailure.class, f -> assertThat(f.code()).isEqualTo(20500));
    assertThat(fake.requests()).isEqualTo(4);
    assertThat(fake.messages()).isEmpty();
  }

  @Test
  void invalidNumbersAndOptOutsArePermanent() {
    fake.failFor("+447911000001", 400, 21610);
    fake.failFor("+447911000002", 400, 21614);

    assertThat(sender.send("12345", "x"))
        .isInstanceOfSatisfying(
            SendOutcome.PermanentFailure.class, f -> assertThat(f.code()).isEqualTo(21211));
    assertThat(sender.send("+447911000001", "x"))
        .isInstanceOfSatisfying(
            SendOutcome.PermanentFailure.class, f -> assertThat(f.code()).isEqualTo(21610));
    assertThat(sender.send("+447911000002", "x"))
        .isInstanceOfSatisfying(
            SendOutcome.PermanentFailure.class, f -> assertThat(f.code()).isEqualTo(21614));
  }

  @Test
  void wrongTokenIsPermanentAndTheTokenIsNeverShown() {
    TwilioSettings wrong = new TwilioSettings(account, "not-the-token", FROM, "", fake.baseUri());
    SendOutcome outcome = new TwilioSmsSender(wrong).send(TO, "x");

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.PermanentFailure.class,
            f -> {
              assertThat(f.code()).isEqualTo(20003);
              assertThat(f.reason()).doesNotContain("not-the-token");
            });
    assertThat(new TwilioSmsSender(wrong).toString()).doesNotContain("not-the-token");
  }

  @Test
  void unreachableTwilioIsTemporary() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    TwilioSmsSender nowhere =
        new TwilioSmsSender(
            new TwilioSettings(
                account, TOKEN, FROM, "", URI.create("http://127.0.0.1:" + closedPort)));

    assertThat(nowhere.send(TO, "x")).isInstanceOf(SendOutcome.TemporaryFailure.class);
  }

  @Test
  void refusesBodiesOverTheLimitWithoutAsking() {
    assertThat(sender.send(TO, "x".repeat(1601))).isInstanceOf(SendOutcome.PermanentFailure.class);
    assertThat(fake.requests()).isZero();
  }
}
