package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1_000);

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("s3cret".toCharArray());

    assertThat(hasher.verify("s3cret".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("s3cre".toCharArray(), hash)).isFalse();
    assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
  }

  @Test
  void defaultUsesAtLeast210000Iterations() {
    String hash = new PasswordHasher().hash("x".toCharArray());

    assertThat(hash).startsWith("pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$");
    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
  }

  @Test
  void verifiesHashesWrittenWithOtherIterationCounts() {
    String hash = new PasswordHasher(2_000).hash("pw".toCharArray());

    assertThat(hasher.verify("pw".toCharArray(), hash)).isTrue();
  }

  @Test
  void malformedHashNeverMatches() {
    for (String bad :
        new String[] {
          null,
          "",
          "pw",
          "pbkdf2-sha256$x$AAAA$AAAA",
          "pbkdf2-sha256$99999999999$AAAA$AAAA",
          "bcrypt$10$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "pbkdf2-sha256$1000$!!!$AAAA"
        }) {
      assertThat(hasher.verify("pw".toCharArray(), bad)).as(bad).isFalse();
      assertThatThrownBy(() -> PasswordHasher.validate(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesAbsurdIterationCounts() {
    assertThatThrownBy(() -> new PasswordHasher(0)).hasMessage("iterations 0 outside 1..10000000");
  }
}
