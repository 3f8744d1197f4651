package outpost.index.hosts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import outpost.index.HostInfo;

/**
 * The mutable record of one host: totals, apps (most recent first) and a ring of per-minute counts
 * keyed by receive minute (slot {@code minute % 60} holds that minute's count while it is among the
 * newest 60 seen). Not thread-safe: guarded by the {@link HostRegistry} lock.
 */
final class HostState {
  static final int MINUTES = HostInfo.MINUTES;

  final String name;
  long firstMillis;
  long lastMillis;
  long messages;
  final List<String> apps;
  final long[] slotMinute;
  final long[] slotCount;

  /** Millis of retirement, or {@link #ACTIVE}. */
  long retiredMillis;

  static final long ACTIVE = Long.MIN_VALUE;

  HostState(String name) {
    this(
        name,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        0,
        ACTIVE,
        List.of(),
        emptySlots(),
        new long[MINUTES]);
  }

  HostState(
      String name,
      long firstMillis,
      long lastMillis,
      long messages,
      long retiredMillis,
      List<String> apps,
      long[] slotMinute,
      long[] slotCount) {
    this.name = name;
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
    this.messages = messages;
    this.retiredMillis = retiredMillis;
    this.apps = new ArrayList<>(apps);
    this.slotMinute = slotMinute.clone();
    this.slotCount = slotCount.clone();
  }

  private static long[] emptySlots() {
    long[] slots = new long[MINUTES];
    Arrays.fill(slots, Long.MIN_VALUE);
    return slots;
  }

  HostState copy() {
    return new HostState(
        name, firstMillis, lastMillis, messages, retiredMillis, apps, slotMinute, slotCount);
  }

  /**
   * Adds one batch's tally; a message received at or after retirement makes it active again, and a
   * batch whose last event from this host is an agent's goodbye retires it as of that event.
   */
  void add(HostTally t) {
    messages += t.messages;
    firstMillis = Math.min(firstMillis, t.firstMillis);
    lastMillis = Math.max(lastMillis, t.lastMillis);
    if (retiredMillis != ACTIVE && t.lastMillis >= retiredMillis) {
      retiredMillis = ACTIVE;
    }
    if (t.goodbyeMillis != ACTIVE && retiredMillis == ACTIVE) {
      retiredMillis = t.goodbyeMillis; // recorded first, then retired: its last word was goodbye
    }
    for (String app : t.apps) { // least recent first, so the last one ends up in front
      apps.remove(app);
      apps.addFirst(app);
    }
    while (apps.size() > HostInfo.MAX_APPS) {
      apps.removeLast();
    }
    for (int i = 0; i < t.minuteCount; i++) {
      addMinute(t.minutes[i], t.counts[i]);
    }
  }

  /**
   * Merges what the shared store knows (which includes this node's own shipped messages, so counts
   * are raised to the larger value, never added): a non-goodbye message after retirement makes it
   * active again; a goodbye that is its last word anywhere retires it as of the goodbye.
   */
  void merge(HostFacts f) {
    long lastBefore = lastMillis;
    messages = Math.max(messages, f.messages());
    firstMillis = Math.min(firstMillis, f.firstMillis());
    lastMillis = Math.max(lastMillis, f.lastMillis());
    if (retiredMillis != ACTIVE && f.lastActiveMillis() > retiredMillis) {
      retiredMillis = ACTIVE;
    }
    if (retiredMillis == ACTIVE && f.saidGoodbye() && f.goodbyeMillis() >= lastBefore) {
      retiredMillis = f.goodbyeMillis();
    }
    for (String app : f.apps()) {
      if (apps.size() < HostInfo.MAX_APPS && !apps.contains(app)) {
        apps.addLast(app); // seen elsewhere; local use keeps the front
      }
    }
    f.perMinute().forEach(this::raiseMinute);
  }

  /** Like {@link #addMinute} but keeps the larger count: both may have counted the same events. */
  void raiseMinute(long minute, long count) {
    int slot = (int) Math.floorMod(minute, (long) MINUTES);
    if (slotMinute[slot] == minute) {
      slotCount[slot] = Math.max(slotCount[slot], count);
    } else if (slotMinute[slot] < minute) {
      slotMinute[slot] = minute;
      slotCount[slot] = count;
    }
  }

  /** A slot holding a newer minute keeps it: the older one is outside every window it shows. */
  void addMinute(long minute, long count) {
    int slot = (int) Math.floorMod(minute, (long) MINUTES);
    if (slotMinute[slot] == minute) {
      slotCount[slot] += count;
    } else if (slotMinute[slot] < minute) {
      slotMinute[slot] = minute;
      slotCount[slot] = count;
    }
  }

  /** The public view, with the per-minute window ending in {@code nowMinute} (epoch minute). */
  HostInfo info(long nowMinute) {
    List<Long> perMinute = new ArrayList<>(MINUTES);
    for (long m = nowMinute - MINUTES + 1; m <= nowMinute; m++) {
      int slot = (int) Math.floorMod(m, (long) MINUTES);
      perMinute.add(slotMinute[slot] == m ? slotCount[slot] : 0L);
    }
    return new HostInfo(
        name,
        Instant.ofEpochMilli(firstMillis),
        Instant.ofEpochMilli(lastMillis),
        messages,
        apps,
        perMinute,
        Instant.ofEpochSecond(nowMinute * 60),
        retiredMillis == ACTIVE ? null : Instant.ofEpochMilli(retiredMillis));
  }
}
