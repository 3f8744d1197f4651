package outpost.index;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A day partition that retention deleted.
 *
 * @param day the UTC day
 * @param reason {@code age}, {@code budget} or {@code free_space}
 * @param bytes size it had on disk
 * @param at when it was deleted
 */
public record RetentionDeletion(LocalDate day, String reason, long bytes, Instant at) {}
