package outpost.alerts.notify;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.MutableClock;
import outpost.alerts.check.Status;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.notify.twilio.FakeTwilioServer;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.NotificationType;

class OutboxNotifierTest {
  static final String TOKEN = "outbox-test-token";
  static final String ALICE_PHONE = "+447911123456";
  static final String BOB_PHONE = "+447911654321";

  /** A Wednesday. */
  static final Instant START = Instant.parse("2026-11-18T14:05:00Z");

  static final Duration WINDOW = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final String account = FakeTwilioServer.randomAccountSid();
  private final MutableClock clock = new MutableClock(START);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FakeTwilioServer fake;
  private AlertDatabase db;
  private TwilioSmsSender sms;
  private WebhookSender webhook;
  private OutboxNotifier notifier;
  private List<Contact> contacts =
      List.of(
          new Contact("alice", ALICE_PHONE, null, null), new Contact("bob", BOB_PHONE, null, null));
  private ContactRouting routing =
      ContactRouting.byLevel(List.of(List.of("alice"), List.of("bob")));

  @BeforeEach
  void start() throws IOException {
    fake = FakeTwilioServer.start(account, TOKEN);
    db = AlertDatabase.open(dir);
    sms =
        new TwilioSmsSender(new TwilioSettings(account, TOKEN, "+15005550006", "", fake.baseUri()));
    webhook = new WebhookSender(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws IOException {
    if (notifier != null) {
      notifier.close();
    }
    webhook.close();
    sms.close();
    db.close();
    fake.close();
  }

  private OutboxNotifier notifier(Duration window, int perHour) {
    return new OutboxNotifier(
        db, contacts, routing, sms, webhook, window, perHour, clock, registry);
  }

  static NotificationEvent problem(long checkId, String host, int level) {
    return new NotificationEvent(
        NotificationType.PROBLEM,
        checkId,
        new CheckKey(host, "http"),
        Status.CRITICAL,
        null,
        "connection refused",
        Instant.parse("2026-11-18T14:02:00Z"),
        START,
        1,
        level,
        "",
        "");
  }

  static NotificationEvent recovery(long checkId, String host) {
    return new NotificationEvent(
        NotificationType.RECOVERY,
        checkId,
        new CheckKey(host, "http"),
        Status.OK,
        null,
        "HTTP OK: 200",
        Instant.parse("2026-11-18T14:02:00Z"),
        START,
        0,
        0,
        "",
        "");
  }

  private List<String> bodies() {
    return fake.messages().stream().map(FakeTwilioServer.Received::body).toList();
  }

  @Test
  void sendsOneSmsOnceTheGroupingWindowHasPassed() {
    notifier = notifier(WINDOW, 10);
    notifier.submit(problem(17, "web-2", 0));

    assertThat(notifier.recent(10))
        .singleElement()
        .extracting(NotificationRecord::state)
        .isEqualTo("pending");
    assertThat(notifier.deliverDue()).isZero();
    clock.advance(WINDOW);
    assertThat(notifier.deliverDue()).isEqualTo(1);

    assertThat(bodies())
        .containsExactly("CRITICAL web-2/http: connection refused (since 14:02) ACK 17");
    assertThat(fake.messages().getFirst().to()).isEqualTo(ALICE_PHONE);
    NotificationRecord r = notifier.forCheck(17, 10).getFirst();
    assertThat(r.state()).isEqualTo("sent");
    assertThat(r.providerId()).isEqualTo(fake.messages().getFirst().sid());
    assertThat(r.destination()).isEqualTo("+4479****3456");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.sentAt()).isEqualTo(START.plus(WINDOW));
    assertThat(
            registry
                .get(NotificationMeters.NOTIFICATIONS)
                .tags("channel", "sms", "outcome", "sent")
                .counter()
                .count())
        .isEqualTo(1.0);

    clock.advance(Duration.ofHours(2));
    notifier.deliverDue();
    assertThat(fake.messages()).hasSize(1);
  }

  @Test
  void temporaryFailuresAreRetriedWithBackoffAndDeliveredOnce() {
    fake.failNext(1, 503, 0);
    fake.failNext(1, 429, 20429);
    fake.failNext(1, 400, 30003);
    notifier = notifier(WINDOW, 10);
    notifier.submit(problem(17, "web-2", 0));
    clock.advance(WINDOW);

    notifier.deliverDue();
    NotificationRecord afterFirst = notifier.recent(1).getFirst();
    assertThat(afterFirst.state()).isEqualTo("pending");
    assertThat(afterFirst.attempts()).isEqualTo(1);
    assertThat(afterFirst.nextAttempt()).isEqualTo(clock.instant().plusSeconds(10));
    assertThat(afterFirst.error()).contains("503");

    clock.advance(Duration.ofSeconds(9));
    notifier.deliverDue();
    assertThat(fake.requests()).as("still backing off").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    notifier.deliverDue();
    assertThat(notifier.recent(1).getFirst().error()).contains("20429");
    clock.advance(Duration.ofSeconds(20));
    notifier.deliverDue();
    assertThat(notifier.recent(1).getFirst().error()).contains("30003");
    assertThat(notifier.recent(1).getFirst().nextAttempt())
        .isEqualTo(clock.instant().plusSeconds(40));
    clock.advance(Duration.ofSeconds(40));
    notifier.deliverDue();

    assertThat(fake.requests()).isEqualTo(4);
    assertThat(fake.messages()).hasSize(1);
    NotificationRecord r = notifier.recent(1).getFirst();
    assertThat(r.state()).isEqualTo("sent");
    assertThat(r.attempts()).isEqualTo(4);
    clock.advance(Duration.ofHours(1));
    notifier.deliverDue();
    assertThat(fake.messages()).hasSize(1);
  }

  @Test
  void backoffDoublesUpToTenMinutes() {
    assertThat(OutboxNotifier.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(OutboxNotifier.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(OutboxNotifier.backoff(6)).isEqualTo(Duration.ofSeconds(320));
    assertThat(OutboxNotifier.backoff(7)).isEqualTo(Duration.ofMinutes(10));
    assertThat(OutboxNotifier.backoff(1000)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void permanentFailureIsRecordedAndNeverRetried() {
    fake.failFor(ALICE_PHONE, 400, 21211);
    notifier = notifier(WINDOW, 10);
    notifier.submit(problem(17, "web-2", 0));
    clock.advance(WINDOW);
    notifier.deliverDue();

    NotificationRecord r = notifier.recent(1).getFirst();
    assertThat(r.state()).isEqualTo("failed");
    assertThat(r.error()).contains("21211");
    assertThat(r.nextAttempt()).isNull();
    assertThat(notifier.permanentFailures()).isEqualTo(1);
    clock.advance(Duration.ofDays(1));
    notifier.deliverDue();
    assertThat(fake.requests()).isEqualTo(1);
  }

  @Test
  void aStormOfTwentyBecomesOneSmsWithCounts() {
    notifier = notifier(WINDOW, 10);
    for (int i = 1; i <= 20; i++) {
      notifier.submit(problem(i, "web-" + i, 0));
      clock.advance(Duration.ofSeconds(1));
      notifier.deliverDue();
    }
    assertThat(fake.messages()).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    notifier.deliverDue();

    assertThat(fake.messages()).hasSize(1);
    String body = bodies().getFirst();
    assertThat(body)
        .startsWith("20 problems: CRITICAL web-1/http #1, web-2/http #2")
        .contains("web-20/http #20")
        .endsWith("ACK ALL or ACK <id>");
    assertThat(SmsText.segments(body)).isLessThanOrEqualTo(3);
    List<NotificationRecord> rows = notifier.recent(100);
    assertThat(rows)
        .filteredOn(r -> r.state().equals("sent"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.subject()).isEqualTo("20 checks");
              assertThat(r.text()).isEqualTo(body);
            });
    assertThat(rows).filteredOn(r -> r.state().equals("grouped")).hasSize(19);
  }

  @Test
  void beyondTheRateLimitNotificationsWaitAndGoOutTogether() {
    notifier = notifier(Duration.ZERO, 2);
    notifier.submit(problem(1, "web-1", 0));
    notifier.deliverDue();
    clock.advance(Duration.ofMinutes(1));
    notifier.submit(problem(2, "web-2", 0));
    notifier.deliverDue();
    clock.advance(Duration.ofMinutes(1));
    notifier.submit(problem(3, "web-3", 0));
    notifier.deliverDue();
    clock.advance(Duration.ofMinutes(1));
    notifier.submit(problem(4, "web-4", 0));
    notifier.deliverDue();

    assertThat(fake.messages()).hasSize(2);
    assertThat(notifier.forCheck(3, 1).getFirst().error()).contains("rate limit");
    clock.set(START.plus(Duration.ofMinutes(59)));
    notifier.deliverDue();
    assertThat(fake.messages()).hasSize(2);

    clock.set(START.plus(Duration.ofHours(1)));
    notifier.deliverDue();
    assertThat(bodies()).hasSize(3);
    assertThat(bodies().get(2)).startsWith("2 problems: CRITICAL web-3/http #3, web-4/http #4");
  }

  @Test
  void contactsOutsideTheirTimePeriodAreSuppressed() {
    contacts =
        List.of(
            new Contact(
                "alice",
                ALICE_PHONE,
                null,
                TimePeriod.parse("monday-friday 09:00-17:00", ZoneOffset.UTC)));
    clock.set(Instant.parse("2026-11-21T12:00:00Z")); // a Saturday
    notifier = notifier(WINDOW, 10);
    notifier.submit(problem(17, "web-2", 0));
    clock.advance(Duration.ofDays(2)); // Monday: the suppressed one is not sent later
    notifier.deliverDue();

    NotificationRecord r = notifier.forCheck(17, 1).getFirst();
    assertThat(r.state()).isEqualTo("suppressed");
    assertThat(r.error()).contains("monday-friday 09:00-17:00");
    assertThat(fake.requests()).isZero();

    notifier.submit(problem(18, "web-3", 0));
    clock.advance(WINDOW);
    notifier.deliverDue();
    assertThat(fake.messages()).hasSize(1);
  }

  @Test
  void escalationLevelsRouteToTheirContactsAndBeyondToTheHighest() {
    notifier = notifier(Duration.ZERO, 10);
    notifier.submit(problem(1, "web-1", 1));
    notifier.submit(problem(2, "web-2", 7));
    notifier.deliverDue();

    assertThat(fake.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to()).isEqualTo(BOB_PHONE);
              assertThat(m.body()).startsWith("2 problems");
            });
    assertThat(notifier.recent(10)).allSatisfy(r -> assertThat(r.contact()).isEqualTo("bob"));
  }

  @Test
  void recoveryGoesToEveryoneToldAboutTheProblem() {
    notifier = notifier(Duration.ZERO, 10);
    notifier.submit(problem(1, "web-1", 0));
    notifier.deliverDue();
    clock.advance(Duration.ofMinutes(30));
    notifier.submit(problem(1, "web-1", 1));
    notifier.deliverDue();
    clock.advance(Duration.ofMinutes(5));
    notifier.submit(recovery(1, "web-1"));
    notifier.deliverDue();

    assertThat(fake.messages()).hasSize(4);
    assertThat(fake.messages().subList(2, 4))
        .extracting(FakeTwilioServer.Received::to)
        .containsExactlyInAnyOrder(ALICE_PHONE, BOB_PHONE);
    assertThat(bodies().get(3))
        .isEqualTo("RECOVERY web-1/http OK: HTTP OK: 200 (problem since 14:02)");
  }

  @Test
  void aRestartResendsWhatWasPendingAndNeverWhatWasSent() throws IOException {
    notifier = notifier(WINDOW, 10);
    notifier.submit(problem(1, "web-1", 0));
    clock.advance(WINDOW);
    notifier.deliverDue();
    fake.failNext(1, 503, 0);
    notifier.submit(problem(2, "web-2", 0));
    clock.advance(WINDOW);
    notifier.deliverDue(); // fails temporarily: still pending
    notifier.submit(problem(3, "web-3", 0));
    notifier.close();
    db.close();

    db = AlertDatabase.open(dir);
    notifier = notifier(WINDOW, 10);
    assertThat(notifier.recent(10))
        .extracting(NotificationRecord::state)
        .containsExactly("pending", "pending", "sent");
    clock.advance(WINDOW);
    notifier.deliverDue();

    assertThat(fake.messages()).hasSize(2);
    assertThat(bodies().get(0)).contains("web-1/http");
    assertThat(bodies().get(1)).startsWith("2 problems: CRITICAL web-2/http #2, web-3/http #3");
  }

  @Test
  void smsWithoutTwilioFailsAsNotConfigured() {
    notifier =
        new OutboxNotifier(
            db, contacts, routing, null, webhook, Duration.ZERO, 10, clock, registry);
    notifier.submit(problem(1, "web-1", 0));
    notifier.deliverDue();

    NotificationRecord r = notifier.recent(1).getFirst();
    assertThat(r.state()).isEqualTo("failed");
    assertThat(r.error()).isEqualTo("Twilio not configured");
  }

  @Test
  void theDeliveryThreadSendsWithoutBeingAsked() {
    notifier = notifier(Duration.ZERO, 10).start();
    notifier.submit(problem(1, "web-1", 0));

    await().atMost(10, SECONDS).untilAsserted(() -> assertThat(fake.messages()).hasSize(1));
    notifier.close();
    notifier.close();
  }

  @Test
  void webhookContactsGetJsonWithEveryNotification() throws Exception {
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/",
        ex -> {
          try (ex) {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(posted.size() == 1 ? 500 : 204, -1);
          }
        });
    hook.start();
    try {
      URI url =
          URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/services/T0/B0/secret");
      contacts = List.of(new Contact("ops", "", url, null));
      routing = ContactRouting.byLevel(List.of(List.of("ops")));
      notifier = notifier(WINDOW, 10);
      notifier.submit(problem(1, "web-1", 0));
      notifier.submit(problem(2, "web-2", 0));
      clock.advance(WINDOW);
      notifier.deliverDue(); // 500: temporary
      clock.advance(OutboxNotifier.FIRST_RETRY);
      notifier.deliverDue();

      assertThat(posted).hasSize(2);
      JsonNode json = new ObjectMapper().readTree(posted.get(1));
      assertThat(json.get("text").asText()).startsWith("2 problems: CRITICAL web-1/http #1");
      assertThat(json.get("count").asInt()).isEqualTo(2);
      assertThat(json.get("notifications").get(1).get("check_id").asLong()).isEqualTo(2);
      assertThat(notifier.recent(10))
          .extracting(NotificationRecord::state, NotificationRecord::destination)
          .containsExactly(tuple("grouped", "127.0.0.1"), tuple("sent", "127.0.0.1"));
      assertThat(notifier.recent(1).getFirst().attempts()).isEqualTo(2);
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void finishedNotificationsAreDeletedAfterTheRetentionPendingOnesNever() {
    notifier = notifier(Duration.ZERO, 10);
    notifier.submit(problem(1, "web-1", 0));
    notifier.deliverDue();
    fake.failNext(1, 503, 0);
    notifier.submit(problem(2, "web-2", 0));
    notifier.deliverDue();
    fake.failNext(1000, 503, 0);

    clock.advance(OutboxNotifier.RETENTION.plusDays(1));
    notifier.deliverDue();

    assertThat(notifier.recent(10))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.checkId()).isEqualTo(2);
              assertThat(r.state()).isEqualTo("pending");
            });
  }

  @Test
  void concurrentSubmitsWhileDeliveringAreEachDeliveredExactlyOnce() throws Exception {
    notifier = notifier(Duration.ZERO, 1000).start();
    int threads = 4;
    int perThread = 25;
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      submitters.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 1; i <= perThread; i++) {
                      notifier.submit(problem(base + i, "web-" + (base + i), 0));
                    }
                  }));
    }
    for (Thread t : submitters) {
      t.join();
    }

    await()
        .atMost(30, SECONDS)
        .untilAsserted(
            () ->
                assertThat(notifier.recent(1000))
                    .hasSize(threads * perThread)
                    .noneMatch(r -> r.state().equals("pending")));
    List<NotificationRecord> rows = notifier.recent(1000);
    assertThat(rows).extracting(NotificationRecord::checkId).doesNotHaveDuplicates();
    assertThat(rows).allMatch(r -> r.state().equals("sent") || r.state().equals("grouped"));
    long sent = rows.stream().filter(r -> r.state().equals("sent")).count();
    assertThat(fake.messages()).hasSize((int) sent);
    assertThat(rows.stream().map(NotificationRecord::providerId).distinct().count())
        .isEqualTo(sent);
  }
}
