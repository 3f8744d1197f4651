package outpost.index.hosts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import outpost.index.HostInfo;
import outpost.index.LogEvent;

/**
 * What one accepted batch says about one host: message count, receive-time range, apps in order of
 * last use and counts per receive minute. Built per batch so the directory's lock is taken once per
 * host and batch, not per event. Not thread-safe.
 */
final class HostTally {
  long messages;
  long firstMillis = Long.MAX_VALUE;
  long lastMillis = Long.MIN_VALUE;

  /**
   * Receive time of an agent's goodbye when it is this host's last event in the batch, else {@link
   * HostState#ACTIVE}: a node scaled in on purpose says goodbye (app {@value #AGENT_APP}, MSGID
   * {@value #GOODBYE_MSGID}) and is retired instead of going silent.
   */
  long goodbyeMillis = HostState.ACTIVE;

  static final String AGENT_APP = "outpost-agent";
  static final String GOODBYE_MSGID = "GOODBYE";

  /** Apps, least recently used first, at most {@link HostInfo#MAX_APPS}. */
  final List<String> apps = new ArrayList<>(2);

  /** Receive minutes (epoch minute) and their counts, first {@link #minuteCount} entries used. */
  long[] minutes = new long[2];

  long[] counts = new long[2];
  int minuteCount;

  void add(LogEvent event) {
    long millis = event.received().toEpochMilli();
    messages++;
    firstMillis = Math.min(firstMillis, millis);
    lastMillis = Math.max(lastMillis, millis);
    boolean goodbye = AGENT_APP.equals(event.app()) && GOODBYE_MSGID.equals(event.msgId());
    goodbyeMillis = goodbye ? millis : HostState.ACTIVE; // a later message undoes it
    app(event.app());
    minute(Math.floorDiv(millis, 60_000L));
  }

  private void app(String app) {
    if (app.isEmpty() || (!apps.isEmpty() && apps.getLast().equals(app))) {
      return; // the common case: the same app as the previous event
    }
    if (app.length() > HostRegistry.MAX_NAME_CHARS) {
      return; // hostile or broken; such an app is searchable but not listed
    }
    apps.remove(app);
    apps.add(app);
    if (apps.size() > HostInfo.MAX_APPS) {
      apps.removeFirst();
    }
  }

  /** Looks back a few entries only: receive times barely go back, and duplicates add up later. */
  private void minute(long minute) {
    for (int i = minuteCount - 1; i >= Math.max(0, minuteCount - 4); i--) {
      if (minutes[i] == minute) {
        counts[i]++;
        return;
      }
    }
    if (minuteCount == minutes.length) {
      minutes = Arrays.copyOf(minutes, minuteCount * 2);
      counts = Arrays.copyOf(counts, minuteCount * 2);
    }
    minutes[minuteCount] = minute;
    counts[minuteCount++] = 1;
  }
}
