package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import outpost.web.alerts.Twiml;

class TwimlTest {
  @Test
  void escapesMarkupQuotesAndDropsCharactersXmlCannotHold() {
    assertThat(Twiml.reply("a<b>&\"c'\u0000\u0007d \uD83D\uDE00"))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "a&lt;b&gt;&amp;&quot;c&apos;d \uD83D\uDE00</Message></Response>");
  }

  @Test
  void nothingToSayIsAnEmptyResponse() {
    assertThat(Twiml.reply("")).endsWith("<Response/>");
    assertThat(Twiml.reply(null)).endsWith("<Response/>");
  }
}
