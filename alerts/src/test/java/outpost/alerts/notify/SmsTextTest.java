package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {
  @Test
  void countsSegmentsForGsmAndUcs2() {
    assertThat(SmsText.segments("a".repeat(160))).isEqualTo(1);
    assertThat(SmsText.segments("a".repeat(161))).isEqualTo(2);
    assertThat(SmsText.segments("a".repeat(306))).isEqualTo(2);
    assertThat(SmsText.segments("a".repeat(307))).isEqualTo(3);
    assertThat(SmsText.segments("€".repeat(80))).isEqualTo(1); // 160 septets
    assertThat(SmsText.segments("€".repeat(81))).isEqualTo(2);
    assertThat(SmsText.segments("ж".repeat(70))).isEqualTo(1);
    assertThat(SmsText.segments("ж".repeat(71))).isEqualTo(2);
    assertThat(SmsText.segments("ж".repeat(134))).isEqualTo(2);
    assertThat(SmsText.segments("ж".repeat(135))).isEqualTo(3);
  }

  @Test
  void knowsTheBasicAndExtensionTables() {
    assertThat(SmsText.isGsm("Hello @ £5 è Ø Ω ¿ {[~]} € | ^ \\")).isTrue();
    assertThat(SmsText.septets("{}")).isEqualTo(4);
    assertThat(SmsText.isGsm("ê")).isFalse();
    assertThat(SmsText.fitsOneSegment("a".repeat(160))).isTrue();
    assertThat(SmsText.fitsOneSegment("a".repeat(159) + "€")).isFalse();
    assertThat(SmsText.fitsOneSegment("naïve ☃")).isFalse();
  }

  @Test
  void replacesCharactersOutsideGsm7() {
    assertThat(SmsText.toGsm("“disk” ‘full’ – 95 % — ok…"))
        .isEqualTo("\"disk\" 'full' - 95 % - ok...");
    assertThat(SmsText.toGsm("Crème brûlée à Besançon, naïve"))
        .isEqualTo("Crème brulée à Besancon, naive");
    assertThat(SmsText.toGsm("fire 🔥 ☃ 東京")).isEqualTo("fire ? ? ??");
    assertThat(SmsText.toGsm("tab\there\u0000")).isEqualTo("tab here ");
    assertThat(SmsText.isGsm(SmsText.toGsm("anything ✓ at all ‰ ß Œ"))).isTrue();
  }

  @Test
  void capsAt1600Characters() {
    assertThat(SmsText.toGsm("x".repeat(5000))).hasSize(1600);
    assertThat(SmsText.toGsm("…".repeat(1000))).hasSize(1600);
  }

  @Test
  void truncatesToSeptetsWithAMarker() {
    assertThat(SmsText.truncateToSeptets("abcdef", 6)).isEqualTo("abcdef");
    assertThat(SmsText.truncateToSeptets("abcdefg", 6)).isEqualTo("abcd..");
    assertThat(SmsText.truncateToSeptets("ab€€c", 6)).isEqualTo("ab€..");
  }
}
