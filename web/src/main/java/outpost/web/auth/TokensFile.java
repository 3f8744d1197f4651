package outpost.web.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON form of {@code tokens.json}: {@code {"version":1,"tokens":[{"id","name","owner",
 * "created","last_used","sha256"}]}}, where {@code sha256} is the hex SHA-256 of the secret.
 * Stateless.
 */
final class TokensFile {
  static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** One stored token and the hash of its secret. */
  record Stored(ApiToken token, String sha256) {}

  private record FileJson(int version, List<EntryJson> tokens) {}

  private record EntryJson(
      String id,
      String name,
      String owner,
      Instant created,
      @JsonProperty("last_used") Instant lastUsed,
      String sha256) {}

  private TokensFile() {}

  /** Tokens by secret hash. */
  static Map<String, Stored> read(Path file) throws IOException {
    FileJson parsed;
    try {
      parsed = JSON.readValue(OwnerOnlyFile.read(file, MAX_FILE_BYTES), FileJson.class);
    } catch (JacksonException e) {
      throw new IOException(file + ": not a tokens file: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || parsed.tokens() == null) {
      throw new IOException(file + ": key 'tokens' is missing");
    }
    Map<String, Stored> tokens = new LinkedHashMap<>();
    for (int i = 0; i < parsed.tokens().size(); i++) {
      EntryJson e = parsed.tokens().get(i);
      String where = file + ": tokens[" + i + "]";
      if (e == null || e.sha256() == null || !SHA256_HEX.matcher(e.sha256()).matches()) {
        throw new IOException(where + ": sha256 must be 64 lowercase hex digits");
      }
      try {
        tokens.put(
            e.sha256(),
            new Stored(
                new ApiToken(e.id(), e.name(), e.owner(), e.created(), e.lastUsed()), e.sha256()));
      } catch (NullPointerException missing) {
        throw new IOException(where + ": " + missing.getMessage() + " is missing", missing);
      }
    }
    return tokens;
  }

  static void write(Path file, Collection<Stored> tokens) throws IOException {
    List<EntryJson> entries = new ArrayList<>();
    for (Stored s : tokens) {
      ApiToken t = s.token();
      entries.add(
          new EntryJson(t.id(), t.name(), t.owner(), t.created(), t.lastUsed(), s.sha256()));
    }
    OwnerOnlyFile.write(file, JSON.writeValueAsBytes(new FileJson(1, entries)));
  }
}
