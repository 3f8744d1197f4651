package outpost.server.alerts;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.notify.twilio.FakeTwilioServer;
import outpost.server.ServerProcess;

/**
 * The end-to-end story, with Outpost in its own JVM: node {@code web-2} logs over TCP
 * syslog and is discovered, a template gives every {@code web-*} host an {@code http} and a {@code
 * tcp} check against the node's health endpoint (a local server the test controls), the endpoint
 * dies, and after the soft retries exactly one (grouped) SMS reaches the fake Twilio. Outpost is
 * then SIGKILLed and started again on the same data directory: the problem is still known, its
 * re-notification comes once, {@code ACK <id>} texts through the real webhook (signed as Twilio
 * signs) stop the re-notifications, and the recovery sends one SMS. At the end every SMS the fake
 * received is exactly one sent outbox entry and no entry is left pending: nothing lost, nothing
 * sent twice.
 */
class SmsAlertEndToEndTest {
  private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  private static final String AUTH_TOKEN = "e2e-auth-token-" + UUID.randomUUID();
  private static final String FROM = "+15005550006";
  private static final String ONCALL = "+447700900123";
  private static final int NOTIFICATION_INTERVAL_SECONDS = 4;

  @TempDir Path dir;

  @Test
  void oneGroupedSmsAfterSoftRetriesSurvivesAKillAckStopsItRecoverySendsOne() throws Exception {
    try (HealthEndpoint health = HealthEndpoint.start();
        FakeTwilioServer twilio = FakeTwilioServer.start(ACCOUNT_SID, AUTH_TOKEN)) {
      Map<String, String> env = env(checksFile(health), twilio);
      Path data = dir.resolve("data");
      String token = "tok" + UUID.randomUUID().toString().replace("-", "");

      try (ServerProcess first = ServerProcess.start(data, dir.resolve("logs"), "first", env)) {
        AlertsHttp api = new AlertsHttp(first.webPort(), ServerProcess.ADMIN_PASSWORD);
        sendSyslog(first.tcpPort(), "web-2", "nginx: ready " + token);
        await("web-2 discovered from its logs, both checks OK")
            .atMost(60, SECONDS)
            .pollInterval(250, MILLISECONDS)
            .untilAsserted(
                () -> {
                  assertThat(status(api, "http")).as(first.logs()).isEqualTo("ok");
                  assertThat(status(api, "tcp")).isEqualTo("ok");
                });
        assertThat(twilio.messages()).isEmpty();

        health.stop();

        await("one SMS after the soft retries")
            .atMost(30, SECONDS)
            .pollInterval(100, MILLISECONDS)
            .until(() -> !twilio.messages().isEmpty());
        JsonNode httpCheck = api.check("web-2", "http");
        assertThat(httpCheck.get("state_type").asText()).isEqualTo("hard");
        assertThat(softAttemptsBeforeHard(api, httpCheck.get("id").asText()))
            .as("soft attempts 1 and 2 before the hard state")
            .containsExactly(1, 2);
        // both checks failed at once: one grouped message, not one per check
        await().during(2, SECONDS).atMost(3, SECONDS).until(() -> twilio.messages().size() == 1);
        FakeTwilioServer.Received problem = twilio.messages().get(0);
        assertThat(problem.to()).isEqualTo(ONCALL);
        assertThat(problem.from()).isEqualTo(FROM);
        assertThat(problem.body()).contains("web-2").contains("CRITICAL");

        assertThat(first.kill()).isEqualTo(ServerProcess.SIGKILL_EXIT);
      }

      try (ServerProcess second = ServerProcess.start(data, dir.resolve("logs"), "second", env)) {
        AlertsHttp api = new AlertsHttp(second.webPort(), ServerProcess.ADMIN_PASSWORD);
        assertThat(api.get("/api/search?q=" + token).get("total").asLong())
            .as("the node's log line survived the kill")
            .isEqualTo(1);
        assertThat(status(api, "http")).as("state survived the kill").isEqualTo("critical");
        JsonNode alertsHealth = api.get("/health").get("components").get("alerts");
        assertThat(alertsHealth.get("status").asText()).isEqualTo("up");
        assertThat(alertsHealth.get("details").get("critical").asInt()).isEqualTo(2);

        await("the problem is re-notified after the restart")
            .atMost(30, SECONDS)
            .pollInterval(100, MILLISECONDS)
            .until(() -> problems(twilio).size() >= 2);

        for (String service : List.of("http", "tcp")) {
          String id = api.check("web-2", service).get("id").asText();
          HttpResponse<String> reply = api.inboundSms(sms("ACK " + id), AUTH_TOKEN);
          assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
          assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
          assertThat(reply.body()).contains("<Response><Message>").contains("acknowledged");
          assertThat(api.check("web-2", service).get("acknowledgement").isNull()).isFalse();
        }
        HttpResponse<String> forged =
            api.inboundSms(Map.of("From", ONCALL, "Body", "ACK ALL"), "not-the-token");
        assertThat(forged.statusCode()).isEqualTo(403);

        // the acknowledgement notice flushes what was queued before it (grouping window)
        await("the acknowledgement notice")
            .atMost(30, SECONDS)
            .pollInterval(100, MILLISECONDS)
            .until(
                () ->
                    twilio.messages().stream()
                        .anyMatch(m -> m.body().toLowerCase().contains("acknowledged")));
        int problemsAtAck = problems(twilio).size();
        await("no re-notification once acknowledged")
            .during(3L * NOTIFICATION_INTERVAL_SECONDS, SECONDS)
            .atMost(4L * NOTIFICATION_INTERVAL_SECONDS, SECONDS)
            .until(() -> problems(twilio).size() == problemsAtAck);

        health.restart();
        await("one recovery SMS")
            .atMost(30, SECONDS)
            .pollInterval(100, MILLISECONDS)
            .until(() -> recoveries(twilio).size() == 1);
        await().during(3, SECONDS).atMost(4, SECONDS).until(() -> recoveries(twilio).size() == 1);
        assertThat(recoveries(twilio).get(0).body()).contains("web-2");
        assertThat(problems(twilio)).hasSize(problemsAtAck);

        assertEverySmsIsOneSentOutboxEntry(api, twilio);
      }
    }
  }

  /** The outbox and the fake agree one to one: each SMS received is one sent entry. */
  private static void assertEverySmsIsOneSentOutboxEntry(AlertsHttp api, FakeTwilioServer twilio) {
    List<String> providerIds = new ArrayList<>();
    List<String> states = new ArrayList<>();
    for (JsonNode n : api.get("/api/notifications?limit=1000").get("notifications")) {
      if (n.get("channel").asText().equals("sms")) {
        states.add(n.get("state").asText());
        if (n.get("state").asText().equals("sent")) {
          providerIds.add(n.get("provider_id").asText());
        }
      }
    }
    List<String> received = twilio.messages().stream().map(FakeTwilioServer.Received::sid).toList();
    twilio.messages().forEach(m -> System.out.println("SMS to " + m.to() + ": " + m.body()));
    assertThat(states).as("outbox states").doesNotContain("pending", "failed");
    assertThat(new HashSet<>(providerIds)).hasSameSizeAs(providerIds);
    assertThat(providerIds).containsExactlyInAnyOrderElementsOf(received);
  }

  private static String status(AlertsHttp api, String service) {
    JsonNode check = api.check("web-2", service);
    return check == null ? "(no check yet)" : check.get("status").asText();
  }

  /** The attempts of the SOFT problem states in the check's history, oldest first. */
  private static List<Integer> softAttemptsBeforeHard(AlertsHttp api, String id) {
    List<Integer> attempts = new ArrayList<>();
    JsonNode history = api.get("/api/checks/" + id).get("history");
    for (int i = history.size() - 1; i >= 0; i--) {
      JsonNode h = history.get(i);
      if (h.get("kind").asText().equals("STATE")
          && h.get("status").asText().equals("critical")
          && h.get("type").asText().equals("soft")) {
        attempts.add(h.get("attempt").asInt());
      }
    }
    return attempts;
  }

  private static List<FakeTwilioServer.Received> recoveries(FakeTwilioServer twilio) {
    return twilio.messages().stream().filter(m -> isRecovery(m.body())).toList();
  }

  /** Problem notices: neither a recovery nor an acknowledgement notice. */
  private static List<FakeTwilioServer.Received> problems(FakeTwilioServer twilio) {
    return twilio.messages().stream()
        .filter(m -> !isRecovery(m.body()) && !m.body().toLowerCase().contains("acknowledged"))
        .toList();
  }

  private static boolean isRecovery(String body) {
    return body.contains("RECOVERY") || body.contains("recovered");
  }

  private static Map<String, String> sms(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    params.put("AccountSid", ACCOUNT_SID);
    params.put("From", ONCALL);
    params.put("To", FROM);
    params.put("Body", body);
    params.put("NumMedia", "0");
    return params;
  }

  private Path checksFile(HealthEndpoint health) throws IOException {
    return Files.writeString(
        dir.resolve("checks.yml"),
        String.join(
            "\n",
            "defaults:",
            "  max_check_attempts: 3",
            "  check_interval: 1s",
            "  retry_interval: 1s",
            "  notification_interval: " + NOTIFICATION_INTERVAL_SECONDS + "s",
            "  self_checks: false",
            "  host_freshness: \"off\"",
            "contacts:",
            "  - name: oncall",
            "    phone: \"" + ONCALL + "\"",
            "notify:",
            "  contacts: [oncall]",
            "host_groups:",
            "  - name: web",
            "    match:",
            "      host: \"web-*\"",
            "templates:",
            "  - group: web",
            "    services:",
            "      - name: http",
            "        kind: http",
            "        url: \"" + health.url() + "\"",
            "        timeout: 2s",
            "      - name: tcp",
            "        kind: tcp",
            "        host: 127.0.0.1",
            "        port: " + health.port(),
            "        timeout: 2s",
            ""));
  }

  private static Map<String, String> env(Path checks, FakeTwilioServer twilio) {
    return Map.of(
        "OUTPOST_ALERTS_CHECKS_FILE",
        checks.toString(),
        "OUTPOST_ALERTS_GROUPING_WINDOW",
        "3s",
        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID",
        ACCOUNT_SID,
        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN",
        AUTH_TOKEN,
        "OUTPOST_ALERTS_TWILIO_FROM",
        FROM,
        "OUTPOST_ALERTS_TWILIO_API_BASE",
        twilio.baseUri().toString());
  }

  /** One RFC 5424 message from {@code host}, octet-counted over TCP as rsyslog frames it. */
  private static void sendSyslog(int tcpPort, String host, String text) throws IOException {
    byte[] frame =
        ("<14>1 "
                + Instant.now().truncatedTo(ChronoUnit.MILLIS)
                + " "
                + host
                + " nginx - - - "
                + text)
            .getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort)) {
      OutputStream out = socket.getOutputStream();
      out.write((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(frame);
      out.flush();
    }
  }
}
