package outpost.web.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Browser sessions, in memory only (a restart logs everyone out). Ids and CSRF tokens are 256 bits
 * from {@link SecureRandom} in unpadded base64url. A session ends {@link #idleTimeout} after its
 * last use or {@link #maxAge} after its creation, whichever is first.
 *
 * <p>Thread-safe. Holds at most {@link #maxSessions}: a new session beyond that first drops expired
 * ones, then the least recently used. Nothing to close.
 */
public final class SessionStore {
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(12);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  /** 32 random bytes as unpadded base64url. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idleTimeout;
  private final Duration maxAge;
  private final int maxSessions;
  private final InstantSource clock;

  public SessionStore(Duration idleTimeout, Duration maxAge, int maxSessions, InstantSource clock) {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "idleTimeout " + idleTimeout + " must be positive and at most maxAge " + maxAge);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions " + maxSessions + " is below 1");
    }
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
    this.maxSessions = maxSessions;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** 12 h idle, 7 days at most, 10,000 sessions. */
  public SessionStore(InstantSource clock) {
    this(DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AGE, DEFAULT_MAX_SESSIONS, clock);
  }

  /** Starts a new session for {@code user} with a fresh id and CSRF token. */
  public Session create(String user) {
    Instant now = clock.instant();
    Session session = new Session(randomToken(), user, randomToken(), now, now);
    synchronized (this) {
      if (sessions.size() >= maxSessions) {
        sessions.values().removeIf(s -> expired(s, now));
      }
      while (sessions.size() >= maxSessions) {
        sessions.values().stream()
            .min(Comparator.comparing(Session::lastUsed))
            .ifPresent(oldest -> sessions.remove(oldest.id()));
      }
      sessions.put(session.id(), session);
    }
    return session;
  }

  /**
   * The live session with this id, marked as used now. Expired sessions are removed; ids that
   * cannot be ours are not looked up.
   */
  public Optional<Session> use(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session updated =
        sessions.computeIfPresent(id, (k, s) -> expired(s, now) ? null : s.touched(now));
    return Optional.ofNullable(updated);
  }

  /** Ends the session with this id, if any. */
  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of {@code user} except the one with id {@code keep} (may be null). */
  public void removeUser(String user, String keep) {
    sessions.values().removeIf(s -> s.user().equals(user) && !s.id().equals(keep));
  }

  /** Sessions currently held, expired ones included until they are next touched. */
  public int size() {
    return sessions.size();
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastUsed().plus(idleTimeout)) || !now.isBefore(s.created().plus(maxAge));
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return B64URL.encodeToString(bytes);
  }
}
