package outpost.alerts.state;

/** The notification types of Nagios ($NOTIFICATIONTYPE$). */
public enum NotificationType {
  PROBLEM,
  RECOVERY,
  ACKNOWLEDGEMENT,
  FLAPPINGSTART,
  FLAPPINGSTOP,
  DOWNTIMESTART,
  DOWNTIMEEND,
  DOWNTIMECANCELLED
}
