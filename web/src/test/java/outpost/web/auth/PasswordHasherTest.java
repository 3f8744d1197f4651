package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(64, 1, 1);
  private final PasswordHasher hasher = new PasswordHasher(CHEAP);

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("s3cret".toCharArray());

    assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(hasher.verify("s3cret".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("s3cre".toCharArray(), hash)).isFalse();
    assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
  }

  @Test
  void defaultUsesTheOwaspArgon2idCost() {
    String hash = new PasswordHasher().hash("x".toCharArray());

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(new PasswordHasher().verify("x".toCharArray(), hash)).isTrue();
  }

  @Test
  void matchesTheReferenceImplementationsTestVector() {
    // argon2 reference implementation, test.c: Argon2id v1.3, m=2^16 KiB, t=2, p=1.
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
    assertThat(hasher.verify("Password".toCharArray(), reference)).isFalse();
  }

  @Test
  void verifiesLegacyPbkdf2HashesAndAsksForARehash() {
    String legacy = Pbkdf2.hash("pw".toCharArray(), 2_000);

    assertThat(hasher.verify("pw".toCharArray(), legacy)).isTrue();
    assertThat(hasher.verify("px".toCharArray(), legacy)).isFalse();
    assertThat(hasher.needsRehash(legacy)).isTrue();
  }

  @Test
  void asksForARehashOnlyWhenTheCostDiffers() {
    String cheap = hasher.hash("pw".toCharArray());

    assertThat(hasher.needsRehash(cheap)).isFalse();
    assertThat(new PasswordHasher(new PasswordHasher.Cost(128, 1, 1)).needsRehash(cheap)).isTrue();
    assertThat(
            new PasswordHasher(new PasswordHasher.Cost(128, 1, 1))
                .verify("pw".toCharArray(), cheap))
        .isTrue();
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
          "pbkdf2-sha256$1000$!!!$AAAA",
          "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
          "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
          "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
          "$argon2id$v=19$m=64,t=999,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
        }) {
      assertThat(hasher.verify("pw".toCharArray(), bad)).as(bad).isFalse();
      assertThatThrownBy(() -> PasswordHasher.validate(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesAbsurdCosts() {
    assertThatThrownBy(() -> new PasswordHasher.Cost(4, 1, 1))
        .hasMessage("argon2id memory KiB 4 outside 8..1048576");
    assertThatThrownBy(() -> new PasswordHasher.Cost(64, 0, 1))
        .hasMessage("argon2id passes 0 outside 1..64");
  }

  @Test
  void hashesWaitForAFreeSlot() throws InterruptedException {
    PasswordHasher one = new PasswordHasher(CHEAP, 1);
    one.slots.acquire();
    AtomicReference<String> hash = new AtomicReference<>();
    Thread worker = Thread.ofVirtual().start(() -> hash.set(one.hash("pw".toCharArray())));
    try {
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> hash.get() == null);
    } finally {
      one.slots.release();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> hash.get() != null);
    worker.join();
    assertThat(one.verify("pw".toCharArray(), hash.get())).isTrue();
  }
}
