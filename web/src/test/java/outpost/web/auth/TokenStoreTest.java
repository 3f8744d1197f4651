package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
  @TempDir Path dir;
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-23T12:00:00Z"));

  private Path file() {
    return dir.resolve(TokenStore.FILE_NAME);
  }

  @Test
  void storesOnlyTheHashAndReloads() throws IOException {
    TokenStore store = TokenStore.open(file(), clock);
    TokenStore.Created created = store.create("ci", "admin");

    String text = Files.readString(file());
    assertThat(text).doesNotContain(created.secret()).contains(TokenStore.sha256(created.secret()));
    assertThat(created.toString()).doesNotContain(created.secret());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    TokenStore reopened = TokenStore.open(file(), clock);
    assertThat(reopened.authenticate(created.secret()))
        .map(ApiToken::id)
        .contains(created.token().id());
    assertThat(reopened.authenticate(created.secret() + "x")).isEmpty();
  }

  @Test
  void refusesBadNames() throws IOException {
    TokenStore store = TokenStore.open(file(), clock);

    assertThatThrownBy(() -> store.create(" ", "admin")).isInstanceOf(AccountException.class);
    assertThatThrownBy(() -> store.create("x".repeat(101), "admin"))
        .hasMessage("token name must have 1..100 characters");
  }

  @Test
  void namesTheFileOfAMalformedTokensFile() throws IOException {
    Files.writeString(file(), "{\"version\":1,\"tokens\":[{\"id\":\"a\",\"sha256\":\"zz\"}]}");

    assertThatThrownBy(() -> TokenStore.open(file(), clock))
        .isInstanceOf(IOException.class)
        .hasMessage(file() + ": tokens[0]: sha256 must be 64 lowercase hex digits");
  }
}
