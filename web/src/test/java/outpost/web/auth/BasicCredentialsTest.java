package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
  private static String basic(byte[] userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass);
  }

  @Test
  void parsesUserAndPasswordWhichMayContainColons() {
    var parsed = BasicCredentials.parse(basic("admin:pa:ss wörd".getBytes(StandardCharsets.UTF_8)));

    assertThat(parsed)
        .hasValueSatisfying(
            c -> {
              assertThat(c.user()).isEqualTo("admin");
              assertThat(c.password()).isEqualTo("pa:ss wörd");
            });
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(
            BasicCredentials.parse(
                "bAsIc "
                    + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))))
        .isPresent();
  }

  @Test
  void refusesMalformedHeaders() {
    assertThat(BasicCredentials.parse(null)).isEmpty();
    assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
    assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
    assertThat(BasicCredentials.parse(basic("no-colon".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
    assertThat(BasicCredentials.parse(basic(new byte[] {'a', ':', (byte) 0xff}))).isEmpty();
    assertThat(BasicCredentials.parse("Basic " + "A".repeat(BasicCredentials.MAX_HEADER_CHARS)))
        .isEmpty();
  }

  @Test
  void toStringHidesThePassword() {
    var parsed = BasicCredentials.parse(basic("admin:hunter2".getBytes(StandardCharsets.UTF_8)));

    assertThat(parsed.orElseThrow().toString()).doesNotContain("hunter2");
  }
}
