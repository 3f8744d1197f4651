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
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  @TempDir Path dataDir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final PrintStream banner = new PrintStream(stdout, true, StandardCharsets.UTF_8);
  private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(64, 1, 1));
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-23T12:00:00Z"));

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
    assertThat(store.authenticate("admin", password.toCharArray()))
        .map(User::name)
        .contains("admin");
    assertThat(store.authenticate("admin", "wrong".toCharArray())).isEmpty();
    assertThat(Files.readString(file()))
        .doesNotContain(password)
        .contains("$argon2id$v=19$m=64,t=1,p=1$");

    stdout.reset();
    UserStore reopened = UserStore.open(file(), null, banner, hasher);

    assertThat(stdout.size()).isZero();
    assertThat(reopened.authenticate("admin", password.toCharArray()))
        .map(User::name)
        .contains("admin");
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
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher, clock);

    assertThat(stdout.size()).isZero();
    assertThat(store.userNames()).containsExactly("admin");
    assertThat(store.authenticate("admin", "a configured password".toCharArray()))
        .contains(new User("admin", Role.ADMIN, clock.instant()));
  }

  @Test
  void configuredPasswordAppliesOnlyOnFirstStart() throws IOException {
    UserStore.open(file(), "first password", banner, hasher);

    UserStore store = UserStore.open(file(), "second password", banner, hasher);

    assertThat(store.authenticate("admin", "first password".toCharArray())).isPresent();
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
        .hasMessageContaining("$argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH");
  }

  @Test
  void refusesAFileThatIsNotJson() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "admin:secret\n");

    assertThatThrownBy(() -> UserStore.open(file(), null, banner, hasher))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file() + ": not a users file");
  }

  @Test
  void migratesALegacyPbkdf2FileToArgon2idAtTheNextLogin() throws IOException {
    Files.createDirectories(file().getParent());
    String legacy = Pbkdf2.hash("legacy password".toCharArray(), 1_000);
    Files.writeString(
        file(),
        "{\"version\":1,\"users\":[{\"name\":\"admin\",\"password_hash\":\""
            + legacy
            + "\"},"
            + "{\"name\":\"bob\",\"password_hash\":\""
            + legacy
            + "\"}]}");
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
    UserStore store = UserStore.open(file(), null, banner, hasher, clock);
    assertThat(store.find("admin")).map(User::role).contains(Role.ADMIN);
    assertThat(store.find("bob")).map(User::role).contains(Role.VIEWER);

    assertThat(store.authenticate("admin", "wrong password".toCharArray())).isEmpty();
    assertThat(Files.readString(file())).contains(legacy).doesNotContain("argon2id");

    assertThat(store.authenticate("admin", "legacy password".toCharArray())).isPresent();

    String rewritten = Files.readString(file());
    assertThat(rewritten).contains("$argon2id$v=19$m=64,t=1,p=1$").contains("\"role\" : \"admin\"");
    assertThat(rewritten).contains(legacy); // bob has not logged in yet
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    UserStore reopened = UserStore.open(file(), null, banner, hasher, clock);
    assertThat(reopened.authenticate("admin", "legacy password".toCharArray())).isPresent();
    assertThat(reopened.authenticate("bob", "legacy password".toCharArray())).isPresent();
    assertThat(Files.readString(file())).doesNotContain("pbkdf2");
  }

  @Test
  void createsChangesAndDeletesUsersDurably() throws IOException {
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher, clock);

    User bob = store.create("bob", "bobs password".toCharArray(), Role.VIEWER);
    store.changePassword("bob", "bobs new password".toCharArray());

    UserStore reopened = UserStore.open(file(), null, banner, hasher, clock);
    assertThat(reopened.list())
        .containsExactly(new User("admin", Role.ADMIN, clock.instant()), bob);
    assertThat(reopened.authenticate("bob", "bobs password".toCharArray())).isEmpty();
    assertThat(reopened.authenticate("bob", "bobs new password".toCharArray())).contains(bob);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");

    reopened.delete("bob");
    assertThat(UserStore.open(file(), null, banner, hasher, clock).userNames())
        .containsExactly("admin");
  }

  @Test
  void refusesBadNamesShortPasswordsDuplicatesAndUnknownUsers() throws IOException {
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher, clock);

    for (String name : List.of("", "Bob", "a b", "x".repeat(65), "ä")) {
      assertThatThrownBy(() -> store.create(name, "long enough pw".toCharArray(), Role.VIEWER))
          .as(name)
          .isInstanceOf(AccountException.class)
          .hasMessage("name must match [a-z0-9_.-]{1,64}");
    }
    assertThatThrownBy(() -> store.create("bob", "short".toCharArray(), Role.VIEWER))
        .hasMessage("password must have at least 10 characters");
    assertThatThrownBy(() -> store.create("admin", "long enough pw".toCharArray(), Role.VIEWER))
        .satisfies(
            e ->
                assertThat(((AccountException) e).kind())
                    .isEqualTo(AccountException.Kind.CONFLICT));
    assertThatThrownBy(() -> store.delete("nobody"))
        .satisfies(
            e ->
                assertThat(((AccountException) e).kind())
                    .isEqualTo(AccountException.Kind.NOT_FOUND));
  }

  @Test
  void theLastAdminCannotBeDeleted() throws IOException {
    UserStore store = UserStore.open(file(), "a configured password", banner, hasher, clock);

    assertThatThrownBy(() -> store.delete("admin"))
        .isInstanceOf(AccountException.class)
        .hasMessage("cannot delete the last admin 'admin'");

    store.create("root", "another admin".toCharArray(), Role.ADMIN);
    store.delete("admin");
    assertThat(store.userNames()).containsExactly("root");
    assertThatThrownBy(() -> store.delete("root")).isInstanceOf(AccountException.class);
  }
}
