package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsCommandParserTest {
  @Test
  void acknowledgesOneCheckInAnySpelling() {
    for (String s :
        new String[] {"ACK 17", "ack 17", "Ack #17", "  ACK   17  ", "ack#17", "ACK 17."}) {
      assertThat(SmsCommandParser.parse(s)).as(s).isEqualTo(new SmsCommand.Ack(17));
    }
  }

  @Test
  void acknowledgesAll() {
    assertThat(SmsCommandParser.parse("ACK ALL")).isEqualTo(new SmsCommand.AckAll());
    assertThat(SmsCommandParser.parse(" ack   all ")).isEqualTo(new SmsCommand.AckAll());
  }

  @Test
  void anythingElseGetsHelp() {
    for (String s :
        new String[] {
          "",
          "hello",
          "ACK",
          "ACK seventeen",
          "ACK 17 18",
          "NACK 17",
          "ACK 99999999999999999999",
          "x".repeat(500)
        }) {
      assertThat(SmsCommandParser.parse(s))
          .as(s)
          .isInstanceOfSatisfying(
              SmsCommand.Unknown.class, u -> assertThat(u.reason()).contains("ACK <id>"));
    }
    assertThat(SmsCommandParser.parse(null)).isInstanceOf(SmsCommand.Unknown.class);
  }
}
