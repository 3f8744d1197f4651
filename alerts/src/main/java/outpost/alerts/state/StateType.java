package outpost.alerts.state;

/** Nagios state types: a problem is SOFT until it has been seen max_check_attempts times. */
public enum StateType {
  SOFT,
  HARD
}
