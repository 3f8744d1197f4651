package outpost.ingest.syslog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A date-time read from a syslog header, before a zone is known: local fields plus the offset when
 * the text stated one. Immutable.
 *
 * @param end index just after the timestamp text
 * @param localEpochSecond the local date-time as seconds since 1970-01-01T00:00 (no zone applied)
 * @param nanos fraction of the second
 * @param offsetSeconds the stated UTC offset, or {@link #NO_OFFSET}
 */
record DateTimeText(int end, long localEpochSecond, int nanos, int offsetSeconds) {
  static final int NO_OFFSET = Integer.MIN_VALUE;

  boolean hasOffset() {
    return offsetSeconds != NO_OFFSET;
  }

  /** The instant, applying {@code zone} only when the text stated no offset. */
  Instant toInstant(ZoneId zone) {
    if (hasOffset()) {
      return Instant.ofEpochSecond(localEpochSecond - offsetSeconds, nanos);
    }
    if (zone instanceof ZoneOffset fixed) {
      return Instant.ofEpochSecond(localEpochSecond - fixed.getTotalSeconds(), nanos);
    }
    LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, nanos, ZoneOffset.UTC);
    return local.atZone(zone).toInstant();
  }
}
