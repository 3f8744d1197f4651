package outpost.index;

/** The ways a message can reach Outpost; a small fixed set, safe as a metric tag. */
public enum Transport {
  UDP,
  TCP,
  TLS,
  RELP,
  AGENT;

  /** Lower-case name used in events, metrics and the API. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
