package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Contract: the query syntax finds the same events in every store, bad queries are {@link
 * QueryException}s, and time bounds are [from, to). Part of {@link LogStoreContract}.
 */
abstract class QueryContract {
  static final Instant DAY1 = Instant.parse("2026-03-09T00:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-03-10T00:00:00Z");
  static final Instant FROM = DAY1;
  static final Instant TO = Instant.parse("2026-03-11T00:00:00Z");
  static final int SIZE = 203;

  private final LogStoreContract contract;

  QueryContract(LogStoreContract contract) {
    this.contract = contract;
  }

  /**
   * 100 access lines per day over two days (status 200 x60, 404 x30, 503 x10 per day; web-1 logs
   * the first 50, db-1 the rest), three mail lines at NOW: the dataset of SearchQueriesTest.
   */
  static List<LogEvent> dataset() {
    List<LogEvent> batch = new ArrayList<>();
    for (Instant day : List.of(DAY1, DAY2)) {
      for (int i = 0; i < 100; i++) {
        int status = i < 60 ? 200 : i < 90 ? 404 : 503;
        String path = i % 10 == 0 ? "/wp-login.php?redirect=1" : "/index.html";
        String ip = i % 2 == 0 ? "10.0.0.5" : "192.168.1." + i;
        Instant ts = day.plus(Duration.ofMinutes(i * 10L));
        batch.add(Events.access(ts, i < 50 ? "web-1" : "db-1", ip, "GET", path, status, i * 100L));
      }
    }
    Instant now = LogStoreContract.NOW;
    batch.add(Events.event(now, "mail-1", "postfix", 3, "connect to smtp: Connection refused"));
    batch.add(Events.event(now, "mail-1", "postfix", 6, "refused connection by policy"));
    batch.add(
        Events.event(now, "mail-1", "app", 6, "sd event", Map.of("sd.origin@1.ip", "10.1.1.1")));
    return batch;
  }

  LogStore store() throws IOException {
    return contract.corpus("queries", dataset(), FROM, TO);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|203",
        "*|203",
        "404|60",
        "status:404|60",
        "status:[500 TO 599]|20",
        "status:{404 TO 503]|20",
        "status:>=404|80",
        "status:>404|20",
        "status:<404|120",
        "status:<=404|180",
        "bytes:>9000|18",
        "/wp-login.php|20",
        "wp-login.php|20",
        "path:/wp-login.php|20",
        "path:\"/wp-login.php?redirect=1\"|20",
        "path:/index.*|180",
        "path:*login*|20",
        "10.0.0.5|100",
        "client_ip:10.0.0.5|100",
        "client_ip:192.168.1.*|100",
        "client_ip:192.168.1.?|10",
        "\"connection refused\"|1",
        "\"refused connection\"|1",
        "refused|2",
        "REFUSED|2",
        "Refused AND connection|2",
        "refused connection|2",
        "refused OR policy|2",
        "refused AND NOT policy|1",
        "refused -policy|1",
        "smtp|1",
        "host:web-*|100",
        "host:*-1|203",
        "host:web-1 AND status:404|0",
        "host:db-1 AND status:404|60",
        "(host:web-1 OR host:mail-1) AND NOT status:200|3",
        "-host:web-1|103",
        "NOT method:GET|3",
        "status:[500 TO 599] AND host:db-*|20",
        "severity:err|1",
        "severity:info|202",
        "severity_code:[0 TO 3]|1",
        "app:postfix -refused|0",
        "app:post*|2",
        "\"HTTP/1.1\"|200",
        "HTTP/1.1|200",
        "sd.origin@1.ip:10.1.1.1|1",
        "method:GET|200",
        "facility:user|203",
        "transport:tcp|203",
        "nosuchword|0",
        "nosuchfield:x|0",
      })
  void queryFindsTheSameEventsInEveryStore(String query, long expected) throws IOException {
    assertThat(LogStoreContract.count(store(), query, FROM, TO)).isEqualTo(expected);
  }

  @Test
  void keywordFieldsAreExactButTheMessageIgnoresCase() throws IOException {
    LogStore store = store();
    assertThat(LogStoreContract.count(store, "host:WEB-1", FROM, TO)).isZero();
    assertThat(LogStoreContract.count(store, "method:get", FROM, TO)).isZero();
    assertThat(LogStoreContract.count(store, "CONNECTION", FROM, TO)).isEqualTo(2);
  }

  @Test
  void queryThatDoesNotParseIsAQueryExceptionWithTheReason() throws IOException {
    LogStore store = store();
    assertThatThrownBy(() -> LogStoreContract.count(store, "status:[500 TO", FROM, TO))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("Cannot parse");
    assertThatThrownBy(() -> LogStoreContract.count(store, "status:abc", FROM, TO))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("status takes whole numbers");
    assertThatThrownBy(() -> LogStoreContract.count(store, "(unbalanced", FROM, TO))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> store.histogram(new HistogramRequest("AND", FROM, TO, 10)))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> store.facets(new FacetRequest("(", FROM, TO, "host", 10)))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> store.stats(new StatsRequest("status:x", FROM, TO, "bytes")))
        .isInstanceOf(QueryException.class);
  }

  @Test
  void garbageCursorIsAQueryException() throws IOException {
    LogStore store = store();
    assertThatThrownBy(() -> store.search(new SearchRequest("", FROM, TO, 10, "garbage!")))
        .isInstanceOf(QueryException.class);
  }

  @Test
  void fromIsInclusiveAndToExclusive() throws IOException {
    LogStore store = store();
    // day 1 has events at 00:00, 00:10, ... 16:30
    Instant first = DAY1;
    Instant second = DAY1.plus(Duration.ofMinutes(10));
    assertThat(LogStoreContract.count(store, "", first, second)).isEqualTo(1);
    assertThat(LogStoreContract.count(store, "", first, second.plusMillis(1))).isEqualTo(2);
    assertThat(LogStoreContract.count(store, "", first.plusMillis(1), second)).isZero();
    assertThat(LogStoreContract.count(store, "", DAY1, DAY2)).isEqualTo(100);
    assertThat(LogStoreContract.count(store, "", DAY2, TO)).isEqualTo(103);
    assertThat(LogStoreContract.count(store, "", TO, TO.plus(Duration.ofDays(1)))).isZero();
    assertThat(
            store
                .search(new SearchRequest("", first, second, 10, ""))
                .hits()
                .getFirst()
                .event()
                .timestamp())
        .isEqualTo(first);
  }

  @Test
  void anEventWithAWrongSenderClockIsFoundAtItsReceiveTime() throws IOException {
    LogStore store = contract.fresh("skew");
    Instant received = LogStoreContract.NOW.minusSeconds(30);
    Instant senderClock = Instant.parse("2000-01-01T00:00:00Z");
    LogStoreContract.append(
        store,
        List.of(
            new LogEvent(
                senderClock,
                received,
                "web-1",
                "app",
                "",
                "",
                1,
                6,
                "skewed",
                "",
                null,
                "tcp",
                "")));
    Instant from = received.minusSeconds(1);
    Instant to = received.plusSeconds(1);
    LogStoreContract.awaitCount(store, "skewed", from, to, 1);
    StoredEvent hit = store.search(new SearchRequest("", from, to, 1, "")).hits().getFirst();
    assertThat(hit.event().timestamp()).isEqualTo(senderClock);
    assertThat(hit.event().received()).isEqualTo(received);
  }
}
