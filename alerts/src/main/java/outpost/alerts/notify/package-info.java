/**
 * Notifications (issue 4): the state machine's {@link outpost.alerts.state.NotificationEvent}s go
 * through {@link outpost.alerts.notify.OutboxNotifier} into a durable outbox in {@code alerts.db}
 * and out as SMS ({@link outpost.alerts.notify.TwilioSmsSender}) or webhook ({@link
 * outpost.alerts.notify.WebhookSender}) messages, grouped, rate limited and retried. Contacts
 * ({@link outpost.alerts.notify.Contact}), their on-call {@link outpost.alerts.notify.TimePeriod}s
 * and {@link outpost.alerts.notify.ContactRouting} come from the checks file. Inbound replies are
 * verified with {@link outpost.alerts.notify.TwilioSignature} and read by {@link
 * outpost.alerts.notify.SmsCommandParser}.
 */
package outpost.alerts.notify;
