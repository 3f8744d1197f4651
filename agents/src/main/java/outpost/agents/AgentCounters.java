package outpost.agents;

import java.util.concurrent.atomic.AtomicLong;

/** What one agent process did, for its heartbeat. Thread-safe. */
public final class AgentCounters {
  /** Messages written to the server (over RELP: acknowledged as stored). */
  public final AtomicLong sent = new AtomicLong();

  /** Messages written to the spool. */
  public final AtomicLong spooled = new AtomicLong();

  /** Messages the server answered as not stored (RELP {@code 500}); not resent. */
  public final AtomicLong rejected = new AtomicLong();

  /** Messages lost because the spool could not be written. */
  public final AtomicLong unspoolable = new AtomicLong();

  /** Lines cut to the longest allowed line. */
  public final AtomicLong truncated = new AtomicLong();
}
