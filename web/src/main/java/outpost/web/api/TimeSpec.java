package outpost.web.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@code from} or {@code to} parameter as parsed, before it is resolved against the request's
 * single "now", so that {@code from=now-1h&to=now} spans exactly one hour. Immutable.
 */
public sealed interface TimeSpec {

  /** The instant this spec names when the request arrived at {@code now}. */
  Instant resolve(Instant now);

  /** A fixed instant. */
  record Absolute(String text, Instant instant) implements TimeSpec {
    @Override
    public Instant resolve(Instant now) {
      return instant;
    }

    /** The parameter as given, for error messages. */
    @Override
    public String toString() {
      return text;
    }
  }

  /** Now plus {@code offset} (negative for the past). */
  record Relative(String text, Duration offset) implements TimeSpec {
    @Override
    public Instant resolve(Instant now) {
      return now.plus(offset);
    }

    /** The parameter as given, for error messages. */
    @Override
    public String toString() {
      return text;
    }
  }
}
