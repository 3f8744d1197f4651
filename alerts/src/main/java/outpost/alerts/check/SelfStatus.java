package outpost.alerts.check;

/**
 * A snapshot of Outpost's own vital signs, for the {@code self} check kind.
 *
 * @param messagesAccepted messages accepted (journaled) since start, monotonic
 * @param indexLag events accepted but not yet searchable
 * @param journalBytes bytes of journal not yet covered by a Lucene commit
 * @param diskFreeBytes usable bytes left on the data directory's file system
 * @param diskTotalBytes size of that file system
 * @param notificationFailures notifications that failed permanently or are overdue, since start
 */
public record SelfStatus(
    long messagesAccepted,
    long indexLag,
    long journalBytes,
    long diskFreeBytes,
    long diskTotalBytes,
    long notificationFailures) {}
