package outpost.alerts.state;

/**
 * A host's state as Nagios names it: a host check result OK or WARNING is UP, anything else DOWN,
 * or UNREACHABLE when a parent host is DOWN or UNREACHABLE.
 */
public enum HostStatus {
  UP,
  DOWN,
  UNREACHABLE
}
