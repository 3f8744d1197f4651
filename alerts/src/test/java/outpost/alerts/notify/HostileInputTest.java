package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import outpost.alerts.state.NotificationType;

/** Random input never breaks the parsers and text rules: they answer or name what is wrong. */
class HostileInputTest {
  private static final String ALPHABET = "monday-fri*sat 0123456789:;,\\n\\t-ACKal#l 😀€{";

  private static String randomText(Random r, int maxLength, boolean anyCodePoint) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxLength);
    for (int i = 0; i < n; i++) {
      if (anyCodePoint) {
        int cp = r.nextInt(0x30000);
        sb.appendCodePoint(
            Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp) ? cp : 'x');
      } else {
        sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  @Test
  void timePeriodsParseOrNameTheProblem() {
    Random r = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(r, 40, i % 2 == 0);
      try {
        TimePeriod p = TimePeriod.parse(text, ZoneOffset.UTC);
        p.contains(Instant.ofEpochSecond(r.nextInt()));
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).as(text).startsWith("time period");
      }
    }
  }

  @Test
  void anyTextBecomesGsm7WithinTheLimit() {
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      String gsm = SmsText.toGsm(randomText(r, 2_500, true));
      assertThat(SmsText.isGsm(gsm)).isTrue();
      assertThat(gsm.length()).isLessThanOrEqualTo(SmsText.MAX_CHARS);
    }
  }

  @Test
  void commandsAreParsedWithoutThrowing() {
    Random r = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      assertThat(SmsCommandParser.parse(randomText(r, 30, i % 3 == 0))).isNotNull();
    }
  }

  @Test
  void groupedTextsStayWithinTheirBudgetWhateverTheNames() {
    Random r = new Random(13);
    for (int round = 0; round < 60; round++) {
      List<NotificationText.Item> items = new ArrayList<>();
      int n = 1 + r.nextInt(300);
      for (int i = 0; i < n; i++) {
        NotificationType type =
            NotificationType.values()[r.nextInt(NotificationType.values().length)];
        items.add(new NotificationText.Item(type, "CRITICAL", randomText(r, 80, true), i));
      }
      String text = NotificationText.grouped(items);
      assertThat(text.length()).isLessThanOrEqualTo(SmsText.MAX_CHARS);
      assertThat(SmsText.isGsm(text)).isTrue();
    }
  }
}
