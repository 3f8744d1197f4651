package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundSmsTest {
  private static final String TOKEN = "inbound-token";
  private static final String URL = "https://outpost.example.com/api/twilio/sms";
  private final Contact alice = new Contact("alice", "+447911123456", null, null);
  private final InboundSms inbound = new InboundSms(TOKEN, List.of(alice));

  @Test
  void aSignedCommandFromAContactIsRead() throws Exception {
    Map<String, String> params = Map.of("From", "+447911123456", "Body", "ack #17");
    InboundSms.Outcome o = inbound.read(URL, params, TwilioSignatureTest.sign(TOKEN, URL, params));
    assertThat(o).isEqualTo(new InboundSms.Outcome.FromContact(alice, new SmsCommand.Ack(17)));
  }

  @Test
  void aStrangerCannotAcknowledge() throws Exception {
    Map<String, String> params = Map.of("From", "+15551234567", "Body", "ACK ALL");
    InboundSms.Outcome o = inbound.read(URL, params, TwilioSignatureTest.sign(TOKEN, URL, params));
    assertThat(o).isEqualTo(new InboundSms.Outcome.Stranger("+155****4567"));
  }

  @Test
  void aForgedRequestIsRejected() throws Exception {
    Map<String, String> params = Map.of("From", "+447911123456", "Body", "ACK ALL");
    String signature = TwilioSignatureTest.sign("guessed-token", URL, params);
    assertThat(inbound.read(URL, params, signature)).isInstanceOf(InboundSms.Outcome.Forged.class);
    assertThat(inbound.read(URL, params, null)).isInstanceOf(InboundSms.Outcome.Forged.class);
  }
}
