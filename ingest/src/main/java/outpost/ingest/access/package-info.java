/**
 * Apache/nginx access-log field extraction from a message body, by a hand-written scanner ({@link
 * outpost.ingest.access.AccessLogExtractor}) that rejects ordinary log lines within a few words.
 *
 * <p>Decisions: {@code bytes} {@code -} (Apache's zero) is 0; {@code -} user, referer and user
 * agent leave their field out; the event's timestamp stays the syslog header's, and the access
 * line's own time goes to field {@code access_time} as ISO-8601 UTC; a trailing integer duration is
 * {@code %D} microseconds unless configured as {@code %T} seconds, a decimal one is seconds
 * (nginx); Apache's {@code \xNN} escapes are decoded when they form UTF-8 and kept literally
 * otherwise.
 */
package outpost.ingest.access;
