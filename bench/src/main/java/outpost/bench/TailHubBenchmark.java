package outpost.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import outpost.index.LogEvent;
import outpost.index.TailSubscription;
import outpost.index.Transport;
import outpost.index.journal.JournaledBatch;
import outpost.index.tail.TailHub;
import outpost.ingest.FrameSource;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;

/**
 * Live-tail hub throughput in events per second for one subscriber's query, over the decoded corpus
 * (7,000 access-log events, one of them a marker). Each invocation publishes the corpus as one
 * batch and waits until a match-all subscriber (which costs no matching) has it all, so the hub
 * thread has matched every event against the query.
 *
 * <p>The queries show where the time goes: {@code marker} is a message term, which the prefilter
 * rejects for every event without the word, so almost no event reaches the MemoryIndex; {@code
 * marker OR wildcard} is as selective but has an optional clause the prefilter cannot use, so every
 * event is put into the MemoryIndex (message and host fields) and matched; {@code status range}
 * needs only the {@code status} point; {@code mixed} reads message, status and host.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TailHubBenchmark {
  private static final int LINES = 7000;

  @Param({
    "benchxtail",
    "benchxtail OR host:zz*",
    "status:[500 TO 599]",
    "\"connection refused\" OR status:>=500 OR host:web-0*"
  })
  public String query;

  @Param({"ingest/src/test/resources/fixtures/apache/access_combined_elastic.log"})
  public String corpus;

  private TailHub hub;
  private TailSubscription all;
  private TailSubscription matching;
  private JournaledBatch batch;

  @Setup
  public void setUp() throws IOException {
    Corpus c = Corpus.load(Path.of(corpus), 40);
    if (c.size() != LINES) {
      throw new IllegalStateException("corpus has " + c.size() + " lines, expected " + LINES);
    }
    SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());
    Instant now = Instant.now();
    FrameSource source = new FrameSource(Transport.TCP, "127.0.0.1", now, 0);
    List<LogEvent> events = new ArrayList<>(LINES);
    for (int i = 0; i < LINES - 1; i++) {
      events.add(decoder.decode(c.message(i, now).getBytes(StandardCharsets.UTF_8), source));
    }
    String marker = TailTraffic.markerText("benchx", 1);
    events.add(
        new LogEvent(now, now, "x", "bench", "", "", 16, 6, marker, marker, null, "tcp", ""));
    batch = new JournaledBatch(1, events);
    hub = new TailHub(new SimpleMeterRegistry());
    hub.start();
    all = hub.subscribe("", LINES);
    matching = hub.subscribe(query, LINES);
  }

  @TearDown
  public void tearDown() {
    hub.close();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int matchCorpus() throws InterruptedException {
    hub.publish(batch);
    int got = 0;
    while (got < LINES) {
      got += all.poll(LINES, Duration.ofSeconds(10)).size();
    }
    return got + matching.poll(LINES, Duration.ZERO).size();
  }
}
