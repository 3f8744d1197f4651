package outpost.web.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users who may log in, kept in a small JSON file (normally {@code <dataDir>/users.json}, mode
 * 600) holding one salted password hash per user. On first start the file is created with the user
 * {@value #ADMIN}: its password comes from configuration, or is generated and printed once to the
 * given stream (stdout), never to the log.
 *
 * <p>Thread-safe: the user table is an immutable snapshot; {@link #authenticate} may be called
 * concurrently. Holds no open resources, so it needs no closing.
 */
public final class UserStore {
  public static final String FILE_NAME = "users.json";
  public static final String ADMIN = "admin";

  /** A users file is tiny; anything bigger is not one. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  static final int GENERATED_PASSWORD_CHARS = 20;

  /** Passwords shorter than this from configuration are accepted but warned about. */
  static final int RECOMMENDED_PASSWORD_CHARS = 12;

  private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  // No 0/O/1/l/I: the generated password is read off a terminal and typed.
  private static final String PASSWORD_ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final PasswordHasher hasher;
  private final Map<String, String> hashes;
  private volatile String dummyHash;

  private UserStore(Path file, PasswordHasher hasher, Map<String, String> hashes) {
    this.file = file;
    this.hasher = hasher;
    this.hashes = Map.copyOf(hashes);
  }

  /**
   * Loads {@code file}, creating it with the user {@value #ADMIN} when it does not exist.
   *
   * @param initialAdminPassword the admin password for a new file; null or blank generates one
   * @param banner where a generated password is printed, once (the server passes {@code
   *     System.out})
   * @throws IOException when the file cannot be read, written or parsed; the message names the file
   */
  public static UserStore open(
      Path file, String initialAdminPassword, PrintStream banner, PasswordHasher hasher)
      throws IOException {
    if (Files.exists(file)) {
      if (initialAdminPassword != null && !initialAdminPassword.isBlank()) {
        LOG.info("{} exists; the configured admin password applies only on first start", file);
      }
      tightenPermissions(file);
      return new UserStore(file, hasher, read(file));
    }
    boolean generate = initialAdminPassword == null || initialAdminPassword.isBlank();
    String password = generate ? generatePassword() : initialAdminPassword;
    if (!generate && password.length() < RECOMMENDED_PASSWORD_CHARS) {
      LOG.warn(
          "configured admin password has {} characters; use at least {}",
          password.length(),
          RECOMMENDED_PASSWORD_CHARS);
    }
    Map<String, String> users = Map.of(ADMIN, hasher.hash(password.toCharArray()));
    write(file, users);
    LOG.info("created {} with user '{}'", file, ADMIN);
    if (generate) {
      printBanner(banner, file, password);
    }
    return new UserStore(file, hasher, users);
  }

  /**
   * Returns the user's name when {@code password} is theirs. Costs one password hash whether or not
   * the user exists, so timing does not reveal which names exist.
   */
  public Optional<String> authenticate(String name, char[] password) {
    String stored = hashes.get(name);
    if (stored == null) {
      hasher.verify(password, dummyHash());
      return Optional.empty();
    }
    return hasher.verify(password, stored) ? Optional.of(name) : Optional.empty();
  }

  /** Names of all users. */
  public Set<String> userNames() {
    return hashes.keySet();
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  private String dummyHash() {
    String dummy = dummyHash;
    if (dummy == null) {
      dummy = hasher.hash(generatePassword().toCharArray());
      dummyHash = dummy;
    }
    return dummy;
  }

  /** The file's JSON form. */
  record UsersFile(int version, List<UserEntry> users) {}

  record UserEntry(String name, @JsonProperty("password_hash") String passwordHash) {}

  private static Map<String, String> read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + ": size " + size + " exceeds limit " + MAX_FILE_BYTES);
    }
    UsersFile parsed;
    try {
      parsed = JSON.readValue(Files.readAllBytes(file), UsersFile.class);
    } catch (JacksonException e) {
      throw new IOException(file + ": not a users file: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || parsed.users() == null) {
      throw new IOException(file + ": key 'users' is missing");
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (int i = 0; i < parsed.users().size(); i++) {
      UserEntry entry = parsed.users().get(i);
      String where = file + ": users[" + i + "]";
      if (entry == null || entry.name() == null || !USER_NAME.matcher(entry.name()).matches()) {
        throw new IOException(where + ": name must match " + USER_NAME.pattern());
      }
      try {
        PasswordHasher.validate(entry.passwordHash());
      } catch (IllegalArgumentException e) {
        throw new IOException(where + ": " + e.getMessage(), e);
      }
      if (users.put(entry.name(), entry.passwordHash()) != null) {
        throw new IOException(where + ": duplicate user '" + entry.name() + "'");
      }
    }
    return users;
  }

  /** Writes a temporary file created owner-only, flushes it to disk, then renames it into place. */
  private static void write(Path file, Map<String, String> users) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    List<UserEntry> entries = new ArrayList<>();
    users.forEach((name, hash) -> entries.add(new UserEntry(name, hash)));
    byte[] json = JSON.writeValueAsBytes(new UsersFile(1, entries));
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (posix()) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    try (FileChannel channel =
        FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(json));
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void tightenPermissions(Path file) throws IOException {
    if (!posix()) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      LOG.warn(
          "{} had mode {}; setting it to rw-------", file, PosixFilePermissions.toString(perms));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
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
