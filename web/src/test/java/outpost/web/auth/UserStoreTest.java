package outpost.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  @TempDir Path dataDir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final PrintStream banner = new PrintStream(stdout, true, StandardCharsets.UTF_8);
  private final PasswordHasher hasher = new PasswordHasher(1_000);

  private Path file() {
    return dataDir.resolve("sub").resolve(UserStore.FILE_NAME);
  }

  @Test
  void generatesARandomAdminPasswordOnFirstStartAndPrintsItOnce() throws IOException {
    UserStore store = UserStore.open(file(), null, banner, hasher);

    String printed = stdout.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\n {5}(\\S{20})\n").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    String password = m.group(1);
    assertThat(store.authenticate("admin", password.toCharArray())).contains("admin");
    assertThat(store.authenticate("admin", "wrong".toCharArray())).isEmpty();
    assertThat(Files.readString(file())).doesNotContain(password).contains("pbkdf2-sha256$1000$");

    stdout.reset();
    UserStore reopened = UserStore.open(file(), null, banner, hasher);

    assertThat(stdout.size()).isZero();
    assertThat(reopened.authenticate("admin", password.toCharArray())).contains("admin");
  }

  @Test
  void generatedPasswordsDiffer() {
    assertThat(UserStore.generatePassword())
        .hasSize(UserStore.GENERATED_PASSWORD_CHARS)
        .isNotEqualTo(UserStore.generatePassword());
  }

  @Test
  void createsTheUsersFileOwnerOnly() throws IOException {
    UserStore.open(file(), "a configured password", banner, hasher);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(Files.exists(file().resolveSibling(UserStore.FILE_NAME + ".tmp"))).isFalse();
  }

  @Test
  void usesTheConfiguredAdminPasswordAndPrintsNothing() throws IOException {
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher);

    assertThat(stdout.size()).isZero();
    assertThat(store.userNames()).containsExactly("admin");
    assertThat(store.authenticate("admin", "a configured password".toCharArray()))
        .contains("admin");
  }

  @Test
  void configuredPasswordAppliesOnlyOnFirstStart() throws IOException {
    UserStore.open(file(), "first password", banner, hasher);

    UserStore store = UserStore.open(file(), "second password", banner, hasher);

    assertThat(store.authenticate("admin", "first password".toCharArray())).contains("admin");
    assertThat(store.authenticate("admin", "second password".toCharArray())).isEmpty();
  }

  @Test
  void tightensAGroupReadableUsersFile() throws IOException {
    UserStore.open(file(), "a configured password", banner, hasher);
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));

    UserStore.open(file(), null, banner, hasher);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
  }

  @Test
  void unknownUserIsRefused() throws IOException {
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher);

    assertThat(store.authenticate("root", "a configured password".toCharArray())).isEmpty();
  }

  @Test
  void refusesAMalformedFileNamingFileAndReason() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(
        file(), "{\"version\":1,\"users\":[{\"name\":\"admin\",\"password_hash\":\"md5$x\"}]}");

    assertThatThrownBy(() -> UserStore.open(file(), null, banner, hasher))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("users[0]")
        .hasMessageContaining("pbkdf2-sha256$ITERATIONS$SALT$HASH");
  }

  @Test
  void refusesAFileThatIsNotJson() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "admin:secret\n");

    assertThatThrownBy(() -> UserStore.open(file(), null, banner, hasher))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file() + ": not a users file");
  }
}
