package outpost.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.web.auth.AccountException.Kind;
import outpost.web.auth.TokensFile.Stored;

/**
 * API tokens for scripts ({@code Authorization: Bearer otk_...}). A secret is {@value #PREFIX} plus
 * 32 random bytes in unpadded base64url; it is shown once at creation and only its SHA-256 is kept,
 * in {@code tokens.json} (mode 600, rewritten atomically on every change). A plain hash suffices:
 * the secret has 256 random bits, so nothing can be guessed offline. {@code last_used} is written
 * at most once per {@link #LAST_USED_RESOLUTION} per token, so busy scripts cause no write storm.
 *
 * <p>Thread-safe: readers see an immutable snapshot; changes are serialised. Nothing to close.
 */
public final class TokenStore {
  public static final String FILE_NAME = "tokens.json";
  public static final String PREFIX = "otk_";
  public static final int MAX_TOKENS = 1000;
  public static final int MAX_NAME_CHARS = 100;
  public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final Pattern SECRET = Pattern.compile("otk_[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** A new token and its secret, which exists nowhere else. */
  public record Created(ApiToken token, String secret) {
    @Override
    public String toString() {
      return "Created[" + token + "]";
    }
  }

  private final Path file;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Object writeLock = new Object();
  private volatile Map<String, Stored> byHash;

  private TokenStore(Path file, InstantSource clock, Map<String, Stored> byHash) {
    this.file = file;
    this.clock = clock;
    this.byHash = Map.copyOf(byHash);
  }

  /**
   * Loads {@code file}, or starts empty when it does not exist (it is written at the first change).
   *
   * @throws IOException when the file cannot be read or parsed; the message names the file
   */
  public static TokenStore open(Path file, InstantSource clock) throws IOException {
    if (!Files.exists(file)) {
      return new TokenStore(file, clock, Map.of());
    }
    OwnerOnlyFile.tightenPermissions(file);
    return new TokenStore(file, clock, TokensFile.read(file));
  }

  /**
   * Creates a token for {@code owner}.
   *
   * @throws AccountException INVALID for a bad name or when {@link #MAX_TOKENS} exist
   */
  public Created create(String name, String owner) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
      throw new AccountException(
          Kind.INVALID, "token name must have 1.." + MAX_NAME_CHARS + " characters");
    }
    String secret = PREFIX + B64URL.encodeToString(randomBytes(32));
    String id = HexFormat.of().formatHex(randomBytes(8));
    ApiToken token = new ApiToken(id, name.strip(), owner, clock.instant(), null);
    synchronized (writeLock) {
      if (byHash.size() >= MAX_TOKENS) {
        throw new AccountException(Kind.INVALID, "token limit " + MAX_TOKENS + " reached");
      }
      Map<String, Stored> next = new LinkedHashMap<>(byHash);
      String hash = sha256(secret);
      next.put(hash, new Stored(token, hash));
      publish(next);
    }
    return new Created(token, secret);
  }

  /** All tokens, oldest first. */
  public List<ApiToken> list() {
    return byHash.values().stream()
        .map(Stored::token)
        .sorted(Comparator.comparing(ApiToken::created).thenComparing(ApiToken::id))
        .toList();
  }

  /** The token with this id. */
  public Optional<ApiToken> find(String id) {
    return byHash.values().stream().map(Stored::token).filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * Revokes a token.
   *
   * @throws AccountException NOT_FOUND for an unknown id
   */
  public void delete(String id) {
    synchronized (writeLock) {
      Map<String, Stored> next = new LinkedHashMap<>(byHash);
      if (!next.values().removeIf(s -> s.token().id().equals(id))) {
        throw new AccountException(Kind.NOT_FOUND, "no token '" + id + "'");
      }
      publish(next);
    }
  }

  /** Revokes every token of {@code owner} (when the user is deleted). */
  public void deleteOwner(String owner) {
    synchronized (writeLock) {
      Map<String, Stored> next = new LinkedHashMap<>(byHash);
      if (next.values().removeIf(s -> s.token().owner().equals(owner))) {
        publish(next);
      }
    }
  }

  /** The token whose secret is {@code secret}; records the use. */
  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !SECRET.matcher(secret).matches()) {
      return Optional.empty();
    }
    String hash = sha256(secret);
    Stored stored = byHash.get(hash);
    if (stored == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant last = stored.token().lastUsed();
    if (last == null || !now.isBefore(last.plus(LAST_USED_RESOLUTION))) {
      recordUse(hash, now);
    }
    return Optional.of(stored.token());
  }

  private void recordUse(String hash, Instant now) {
    synchronized (writeLock) {
      Stored current = byHash.get(hash);
      if (current == null) {
        return;
      }
      ApiToken t = current.token();
      Map<String, Stored> next = new LinkedHashMap<>(byHash);
      next.put(hash, new Stored(new ApiToken(t.id(), t.name(), t.owner(), t.created(), now), hash));
      try {
        publish(next);
      } catch (UncheckedIOException e) {
        LOG.warn("could not record the use of token {}", t.id(), e);
      }
    }
  }

  private void publish(Map<String, Stored> next) {
    try {
      TokensFile.write(file, next.values());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
    byHash = Map.copyOf(next);
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE implementation must provide SHA-256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
