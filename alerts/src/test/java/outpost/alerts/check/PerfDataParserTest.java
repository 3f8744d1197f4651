package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Perfdata and plugin output as real plugins print them, including the sloppy ones. */
class PerfDataParserTest {

  @Test
  void parsesAllFieldsOfOneItem() {
    assertThat(PerfDataParser.parse("time=0.012s;1.000;2.000;0.000;10.000"))
        .containsExactly(new PerfValue("time", 0.012, "s", "1.000", "2.000", 0.0, 10.0));
  }

  @Test
  void parsesQuotedLabelsWithSpacesAndDoubledQuotes() {
    List<PerfValue> v = PerfDataParser.parse("'used space'=42%;80;90 'it''s'=1c 'C:\\ Label'=3B");
    assertThat(v)
        .extracting(PerfValue::label, PerfValue::value, PerfValue::unit)
        .containsExactly(
            tuple("used space", 42.0, "%"), tuple("it's", 1.0, "c"), tuple("C:\\ Label", 3.0, "B"));
    assertThat(v.getFirst().warning()).isEqualTo("80");
    assertThat(v.getFirst().critical()).isEqualTo("90");
    assertThat(v.getFirst().min()).isNull();
  }

  @Test
  void readsUAsUndeterminedAndMissingTrailingFieldsAsAbsent() {
    List<PerfValue> v = PerfDataParser.parse("load=U;;;0 rta=0.5ms pl=0%;;;;100");
    assertThat(v.get(0).value()).isNaN();
    assertThat(v.get(0).min()).isEqualTo(0.0);
    assertThat(v.get(1)).isEqualTo(new PerfValue("rta", 0.5, "ms", "", "", null, null));
    assertThat(v.get(2).max()).isEqualTo(100.0);
  }

  @Test
  void skipsGarbageItemsAndKeepsTheRest() {
    List<PerfValue> v =
        PerfDataParser.parse("a=1 garbage b=x2 =5 'unclosed=3 c=-2.5e1KB;@10:20;~:5 d=0,5s");
    assertThat(v)
        .extracting(PerfValue::label, PerfValue::value, PerfValue::unit)
        .containsExactly(tuple("a", 1.0, ""), tuple("c", -25.0, "KB"), tuple("d", 0.5, "s"));
    assertThat(v.get(1).warning()).isEqualTo("@10:20");
  }

  @Test
  void parsesCheckDiskStylePerfdata() {
    // check_disk -w 10% -c 5% -p / on Debian 12 (monitoring-plugins 2.3.3)
    String perf = "/=6891MB;28150;29715;0;31279";
    assertThat(PerfDataParser.parse(perf))
        .containsExactly(new PerfValue("/", 6891, "MB", "28150", "29715", 0.0, 31279.0));
  }

  @Test
  void formatsBackIntoPluginSyntax() {
    List<PerfValue> v = PerfDataParser.parse("'a b'=1.5s;1;2;0 c=3");
    assertThat(PerfDataParser.format(v)).isEqualTo("'a b'=1.5s;1;2;0 c=3");
    assertThat(PerfDataParser.parse(PerfDataParser.format(v))).isEqualTo(v);
  }

  @Test
  void splitsPluginOutputIntoOutputLongOutputAndPerfdata() {
    String text =
        "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
            + "/ 15272 MB (77%);\n"
            + "/boot 68 MB (69%); | /boot=68MB;88;93;0;98\n"
            + "/home=69357MB;253404;253409;0;253414\n";
    PluginOutput out = PluginOutput.parse(text);
    assertThat(out.output()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
    assertThat(out.longOutput()).isEqualTo("/ 15272 MB (77%);\n/boot 68 MB (69%);");
    assertThat(out.perfData()).extracting(PerfValue::label).containsExactly("/", "/boot", "/home");
  }

  @Test
  void takesPerfdataFromALaterLineWhenTheFirstHasNone() {
    PluginOutput out = PluginOutput.parse("OK all fine\r\nline two\r\n| x=1;2;3\r\n");
    assertThat(out.output()).isEqualTo("OK all fine");
    assertThat(out.longOutput()).isEqualTo("line two");
    assertThat(out.perfData()).extracting(PerfValue::label).containsExactly("x");
  }

  @Test
  void handlesEmptyAndPerfdataOnlyOutput() {
    assertThat(PluginOutput.parse("")).isEqualTo(new PluginOutput("", "", List.of()));
    PluginOutput out = PluginOutput.parse("|a=1");
    assertThat(out.output()).isEmpty();
    assertThat(out.perfData()).hasSize(1);
  }

  @Test
  void boundsTheNumberOfItems() {
    String many = "x=1 ".repeat(PerfDataParser.MAX_ITEMS + 50);
    assertThat(PerfDataParser.parse(many)).hasSize(PerfDataParser.MAX_ITEMS);
  }

  @Test
  void neverThrowsOnArbitraryText() {
    // characters that matter to the grammar, plus a few that do not
    String alphabet = "ab ='';|=;:~@-+.,0123456789eEU%sBc\n\t\u00e9";
    java.util.Random random = new java.util.Random(4242);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(40);
      for (int i = 0; i < len; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      List<PerfValue> values = PerfDataParser.parse(text);
      assertThat(PerfDataParser.parse(PerfDataParser.format(values)))
          .as("round trip of %s", text)
          .hasSameSizeAs(values);
      PluginOutput.parse(text);
      try {
        NagiosRange.parse(text);
      } catch (IllegalArgumentException expected) {
        assertThat(expected).hasMessageContaining("is not a Nagios range");
      }
    }
  }
}
