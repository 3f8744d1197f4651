package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.check.Status;
import outpost.alerts.notify.TwilioSettings;
import outpost.alerts.notify.twilio.FakeTwilioServer;
import outpost.alerts.state.StateType;

/** The engine with the real outbox notifier, the real Twilio SDK and the fake Twilio API. */
class OutboxDeliveryTest {
  @TempDir Path dir;

  @Test
  void aPoolFailingAtOnceSendsOneGroupedSmsAndARestartSendsNothingTwice() throws Exception {
    try (FakeTwilioServer twilio =
        FakeTwilioServer.start(EngineFixture.ACCOUNT, EngineFixture.TOKEN)) {
      var settings =
          new TwilioSettings(
              EngineFixture.ACCOUNT, EngineFixture.TOKEN, "+15550009999", null, twilio.baseUri());
      try (var f =
          new EngineFixture(dir, HostDiscoveryTest.FILE, settings, Duration.ofSeconds(30), true)) {
        for (String host : new String[] {"web-1", "web-2", "web-3"}) {
          f.log(host, "sshd", "hello");
        }
        f.engine.pollHosts();
        f.cycle(Duration.ofSeconds(30), 6);
        assertThat(f.engine.checks())
            .filteredOn(v -> v.service().equals("http"))
            .hasSize(3)
            .allMatch(v -> v.stateType() == StateType.HARD);
        f.clock.advance(Duration.ofSeconds(31));
        f.outboxNotifier.deliverDue();
        assertThat(twilio.messages()).hasSize(1);
        String body = twilio.messages().getFirst().body();
        assertThat(twilio.messages().getFirst().to()).isEqualTo("+15550001111");
        assertThat(body).contains("3 problems").contains("web-1").contains("web-3");
        assertThat(f.engine.notifications(10)).isNotEmpty();

        f.restart();
        f.clock.advance(Duration.ofMinutes(1));
        f.outboxNotifier.deliverDue();
        f.cycle(Duration.ofSeconds(30), 4);
        f.outboxNotifier.deliverDue();
        assertThat(twilio.messages()).hasSize(1);

        // ACK by SMS: the acknowledgement is sent, re-notifications of that check stop
        long id = f.view("web-1", "http").id();
        Map<String, String> p = InboundSmsTest.sms("+15550001111", "ACK " + id);
        String url = InboundSmsTest.URL;
        assertThat(
                f.engine
                    .inboundSms(url, p, InboundSmsTest.sign(EngineFixture.TOKEN, url, p))
                    .reply())
            .isEqualTo("ACK " + id + " web-1/http acknowledged");
      }
    }
  }

  @Test
  void permanentSmsFailuresRaiseOutpostsOwnNotificationsCheck() throws Exception {
    try (FakeTwilioServer twilio =
        FakeTwilioServer.start(EngineFixture.ACCOUNT, EngineFixture.TOKEN)) {
      twilio.failFor("+15550001111", 400, 21211);
      var settings =
          new TwilioSettings(
              EngineFixture.ACCOUNT, EngineFixture.TOKEN, "+15550009999", null, twilio.baseUri());
      String yaml = HostDiscoveryTest.FILE.replace("self_checks: false", "self_checks: true");
      try (var f = new EngineFixture(dir, yaml, settings, Duration.ZERO, true)) {
        f.log("web-1", "sshd", "hello");
        f.engine.pollHosts();
        f.cycle(Duration.ofSeconds(30), 6);
        f.outboxNotifier.deliverDue();
        assertThat(f.outboxNotifier.permanentFailures()).isEqualTo(1);
        assertThat(f.engine.notifications(5))
            .anySatisfy(n -> assertThat(n.state()).isEqualTo("failed"));
        long self = f.view("outpost", "notifications").id();
        f.engine.recheck(self);
        f.runDue();
        assertThat(f.view("outpost", "notifications").status()).isEqualTo(Status.WARNING);
      }
    }
  }
}
