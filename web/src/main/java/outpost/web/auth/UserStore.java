package outpost.web.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.web.auth.AccountException.Kind;
import outpost.web.auth.UsersFile.Entry;

/**
 * The users who may log in, kept in a small JSON file (normally {@code <dataDir>/users.json}, mode
 * 600) holding one salted password hash and a {@link Role} per user. On first start the file is
 * created with the admin user {@value #ADMIN}: its password comes from configuration, or is
 * generated and printed once to the given stream (stdout), never to the log. Legacy PBKDF2 hashes
 * are replaced by Argon2id at the user's next successful login. Every change rewrites the file
 * atomically.
 *
 * <p>Thread-safe: readers see an immutable snapshot; changes are serialised and published after the
 * file is written. Holds no open resources, so it needs no closing.
 */
public final class UserStore {
  public static final String FILE_NAME = "users.json";
  public static final String ADMIN = "admin";

  /** New users' passwords must have at least this many characters. */
  public static final int MIN_PASSWORD_CHARS = 10;

  /** Longer passwords are refused before hashing. */
  public static final int MAX_PASSWORD_CHARS = 1024;

  /** At most this many users. */
  public static final int MAX_USERS = 1000;

  /** Names of new users. */
  public static final Pattern USER_NAME = Pattern.compile("[a-z0-9_.-]{1,64}");

  static final int GENERATED_PASSWORD_CHARS = 20;

  /** Passwords shorter than this from configuration are accepted but warned about. */
  static final int RECOMMENDED_PASSWORD_CHARS = 12;

  private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);

  // No 0/O/1/l/I: the generated password is read off a terminal and typed.
  private static final String PASSWORD_ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final Path file;
  private final PasswordHasher hasher;
  private final InstantSource clock;
  private final Object writeLock = new Object();
  private volatile Map<String, Entry> users;
  private volatile String dummyHash;

  private UserStore(
      Path file, PasswordHasher hasher, InstantSource clock, Map<String, Entry> users) {
    this.file = file;
    this.hasher = hasher;
    this.clock = clock;
    this.users = Map.copyOf(users);
  }

  /**
   * Reads {@code file} as {@link #open} would, writing nothing (not even its permissions); for
   * {@code bin/outpost check-config}.
   *
   * @throws IOException when it cannot be read or parsed; the message names the file and entry
   */
  public static void validate(Path file) throws IOException {
    UsersFile.read(file);
  }

  /** {@link #open(Path, String, PrintStream, PasswordHasher, InstantSource)} with system time. */
  public static UserStore open(
      Path file, String initialAdminPassword, PrintStream banner, PasswordHasher hasher)
      throws IOException {
    return open(file, initialAdminPassword, banner, hasher, InstantSource.system());
  }

  /**
   * Loads {@code file}, creating it with the admin user {@value #ADMIN} when it does not exist.
   *
   * @param initialAdminPassword the admin password for a new file; null or blank generates one
   * @param banner where a generated password is printed, once (the server passes {@code
   *     System.out})
   * @param clock for users' creation times
   * @throws IOException when the file cannot be read, written or parsed; the message names the file
   */
  public static UserStore open(
      Path file,
      String initialAdminPassword,
      PrintStream banner,
      PasswordHasher hasher,
      InstantSource clock)
      throws IOException {
    if (Files.exists(file)) {
      if (initialAdminPassword != null && !initialAdminPassword.isBlank()) {
        LOG.info("{} exists; the configured admin password applies only on first start", file);
      }
      OwnerOnlyFile.tightenPermissions(file);
      return new UserStore(file, hasher, clock, UsersFile.read(file));
    }
    boolean generate = initialAdminPassword == null || initialAdminPassword.isBlank();
    String password = generate ? generatePassword() : initialAdminPassword;
    if (!generate && password.length() < RECOMMENDED_PASSWORD_CHARS) {
      LOG.warn(
          "configured admin password has {} characters; use at least {}",
          password.length(),
          RECOMMENDED_PASSWORD_CHARS);
    }
    User admin = new User(ADMIN, Role.ADMIN, clock.instant());
    Map<String, Entry> users = Map.of(ADMIN, new Entry(admin, hasher.hash(password.toCharArray())));
    UsersFile.write(file, users);
    LOG.info("created {} with user '{}'", file, ADMIN);
    if (generate) {
      printBanner(banner, file, password);
    }
    return new UserStore(file, hasher, clock, users);
  }

  /**
   * Returns the user when {@code password} is theirs. Costs one password hash whether or not the
   * user exists, so timing does not reveal which names exist. A legacy or outdated hash is replaced
   * after a success; if that write fails the login still succeeds and the failure is logged.
   */
  public Optional<User> authenticate(String name, char[] password) {
    Entry entry = name == null ? null : users.get(name);
    if (entry == null || password.length > MAX_PASSWORD_CHARS) {
      hasher.verify(password, dummyHash());
      return Optional.empty();
    }
    if (!hasher.verify(password, entry.hash())) {
      return Optional.empty();
    }
    if (hasher.needsRehash(entry.hash())) {
      rehash(entry, password);
    }
    return Optional.of(entry.user());
  }

  private void rehash(Entry old, char[] password) {
    String fresh = hasher.hash(password);
    synchronized (writeLock) {
      Entry current = users.get(old.user().name());
      if (current == null || !current.hash().equals(old.hash())) {
        return; // changed meanwhile; keep the newer state
      }
      try {
        replace(old.user().name(), new Entry(current.user(), fresh));
        LOG.info("rehashed the password of user '{}' with {}", old.user().name(), hasher);
      } catch (UncheckedIOException e) {
        LOG.warn("could not store the new hash of user '{}'", old.user().name(), e);
      }
    }
  }

  /** The user named {@code name}. */
  public Optional<User> find(String name) {
    Entry entry = name == null ? null : users.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.user());
  }

  /** All users, sorted by name. */
  public List<User> list() {
    return users.values().stream()
        .map(Entry::user)
        .sorted(Comparator.comparing(User::name))
        .toList();
  }

  /** Names of all users. */
  public Set<String> userNames() {
    return users.keySet();
  }

  /**
   * Adds a user.
   *
   * @throws AccountException INVALID for a bad name or password or too many users, CONFLICT when
   *     the name exists
   * @throws UncheckedIOException when the file cannot be written (nothing changes then)
   */
  public User create(String name, char[] password, Role role) {
    if (name == null || !USER_NAME.matcher(name).matches()) {
      throw new AccountException(Kind.INVALID, "name must match " + USER_NAME.pattern());
    }
    checkPassword(password);
    String hash = hasher.hash(password);
    synchronized (writeLock) {
      if (users.containsKey(name)) {
        throw new AccountException(Kind.CONFLICT, "user '" + name + "' exists");
      }
      if (users.size() >= MAX_USERS) {
        throw new AccountException(Kind.INVALID, "user limit " + MAX_USERS + " reached");
      }
      User user = new User(name, role, clock.instant());
      replace(name, new Entry(user, hash));
      return user;
    }
  }

  /**
   * Removes a user.
   *
   * @throws AccountException NOT_FOUND for an unknown user, INVALID for the last admin
   */
  public void delete(String name) {
    synchronized (writeLock) {
      Entry entry = existing(name);
      long admins = users.values().stream().filter(e -> e.user().isAdmin()).count();
      if (entry.user().isAdmin() && admins <= 1) {
        throw new AccountException(Kind.INVALID, "cannot delete the last admin '" + name + "'");
      }
      replace(name, null);
    }
  }

  /**
   * Sets a user's password.
   *
   * @throws AccountException NOT_FOUND for an unknown user, INVALID for a short password
   */
  public void changePassword(String name, char[] password) {
    checkPassword(password);
    existing(name);
    String hash = hasher.hash(password);
    synchronized (writeLock) {
      replace(name, new Entry(existing(name).user(), hash));
    }
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  private Entry existing(String name) {
    Entry entry = name == null ? null : users.get(name);
    if (entry == null) {
      throw new AccountException(Kind.NOT_FOUND, "no user '" + name + "'");
    }
    return entry;
  }

  private static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD_CHARS) {
      throw new AccountException(
          Kind.INVALID, "password must have at least " + MIN_PASSWORD_CHARS + " characters");
    }
    if (password.length > MAX_PASSWORD_CHARS) {
      throw new AccountException(
          Kind.INVALID, "password length exceeds limit " + MAX_PASSWORD_CHARS + " characters");
    }
  }

  /** Writes the table with {@code name} set to {@code entry} (null removes it), then publishes. */
  private void replace(String name, Entry entry) {
    Map<String, Entry> next = new LinkedHashMap<>(users);
    if (entry == null) {
      next.remove(name);
    } else {
      next.put(name, entry);
    }
    try {
      UsersFile.write(file, next);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
    users = Map.copyOf(next);
  }

  private String dummyHash() {
    String dummy = dummyHash;
    if (dummy == null) {
      dummy = hasher.hash(generatePassword().toCharArray());
      dummyHash = dummy;
    }
    return dummy;
  }

  static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(GENERATED_PASSWORD_CHARS);
    for (int i = 0; i < GENERATED_PASSWORD_CHARS; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private static void printBanner(PrintStream out, Path file, String password) {
    String rule = "=".repeat(72);
    out.println(rule);
    out.println(" Outpost created the user '" + ADMIN + "' with this generated password:");
    out.println();
    out.println("     " + password);
    out.println();
    out.println(" It is shown only this once and is not written to any log. To choose a");
    out.println(" password instead: stop Outpost, delete " + file + ",");
    out.println(" and start it with OUTPOST_ADMIN_PASSWORD set.");
    out.println(rule);
    out.flush();
  }
}
