package outpost.web.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON form of the users file: {@code {"version":2,"users":[{"name","role","created",
 * "password_hash"}]}}. Version 1 files (no role, no created) still load: {@code admin} becomes an
 * admin, everyone else a viewer, and created is the file's modification time. Stateless.
 */
final class UsersFile {
  /** A users file is tiny; anything bigger is not one. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** One stored user. */
  record Entry(User user, String hash) {}

  private record FileJson(int version, List<EntryJson> users) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  private record EntryJson(
      String name,
      String role,
      Instant created,
      @JsonProperty("password_hash") String passwordHash) {}

  private UsersFile() {}

  static Map<String, Entry> read(Path file) throws IOException {
    FileJson parsed;
    try {
      parsed = JSON.readValue(OwnerOnlyFile.read(file, MAX_FILE_BYTES), FileJson.class);
    } catch (JacksonException e) {
      throw new IOException(file + ": not a users file: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || parsed.users() == null) {
      throw new IOException(file + ": key 'users' is missing");
    }
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    Map<String, Entry> users = new LinkedHashMap<>();
    for (int i = 0; i < parsed.users().size(); i++) {
      Entry entry = entry(parsed.users().get(i), modified, file + ": users[" + i + "]");
      if (users.put(entry.user().name(), entry) != null) {
        throw new IOException(
            file + ": users[" + i + "]: duplicate user '" + entry.user().name() + "'");
      }
    }
    return users;
  }

  private static Entry entry(EntryJson json, Instant modified, String where) throws IOException {
    if (json == null || json.name() == null || !STORED_NAME.matcher(json.name()).matches()) {
      throw new IOException(where + ": name must match " + STORED_NAME.pattern());
    }
    try {
      PasswordHasher.validate(json.passwordHash());
      Role role =
          json.role() != null
              ? Role.parse(json.role())
              : UserStore.ADMIN.equals(json.name()) ? Role.ADMIN : Role.VIEWER;
      Instant created = json.created() == null ? modified : json.created();
      return new Entry(new User(json.name(), role, created), json.passwordHash());
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": " + e.getMessage(), e);
    }
  }

  static void write(Path file, Map<String, Entry> users) throws IOException {
    List<EntryJson> entries = new ArrayList<>();
    for (Entry e : users.values()) {
      User u = e.user();
      entries.add(new EntryJson(u.name(), u.role().jsonName(), u.created(), e.hash()));
    }
    OwnerOnlyFile.write(file, JSON.writeValueAsBytes(new FileJson(2, entries)));
  }
}
