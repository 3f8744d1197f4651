package outpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import outpost.index.Transport;
import outpost.ingest.FrameSource;
import outpost.ingest.access.AccessLogExtractor;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.syslog.SyslogParser;

/**
 * The ingest hot path on one core: decoding the whole Apache corpus as RFC 5424 and as RFC 3164
 * frames (UTF-8, syslog parse, access-log extraction, {@code LogEvent}), and the syslog parser and
 * access-log extractor alone. One operation is one message, so the score is messages per second per
 * thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {
  /** Lines in the corpus; each invocation handles all of them. */
  private static final int LINES = 7000;

  @Param({"ingest/src/test/resources/fixtures/apache/access_combined_elastic.log"})
  public String corpus;

  private byte[][] rfc5424;
  private byte[][] rfc3164;
  private String[] rfc5424Text;
  private String[] bodies;
  private SyslogEventDecoder decoder;
  private SyslogParser parser;
  private AccessLogExtractor extractor;
  private FrameSource source;

  @Setup
  public void load() throws IOException {
    Corpus c = Corpus.load(Path.of(corpus), 40);
    if (c.size() != LINES) {
      throw new IllegalStateException("corpus has " + c.size() + " lines, expected " + LINES);
    }
    Instant now = Instant.now();
    rfc5424 = new byte[LINES][];
    rfc3164 = new byte[LINES][];
    rfc5424Text = new String[LINES];
    bodies = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      rfc5424Text[i] = c.message(i, now);
      rfc5424[i] = rfc5424Text[i].getBytes(StandardCharsets.UTF_8);
      rfc3164[i] = c.bsdMessage(i, now).getBytes(StandardCharsets.UTF_8);
      bodies[i] = c.body(i);
    }
    decoder = new SyslogEventDecoder(ParserConfig.defaults());
    parser = new SyslogParser(ParserConfig.defaults());
    extractor = new AccessLogExtractor();
    source = new FrameSource(Transport.TCP, "127.0.0.1", now, 0);
    requireParsed(rfc5424);
    requireParsed(rfc3164);
  }

  /** A benchmark of frames that do not parse would measure the error path: refuse to run. */
  private void requireParsed(byte[][] frames) {
    for (byte[] frame : frames) {
      var event = decoder.decode(frame, source);
      if (event.unparsed() || !event.fields().containsKey("status")) {
        throw new IllegalStateException(
            "frame did not decode fully: "
                + new String(frame, StandardCharsets.UTF_8)
                + " -> "
                + event.parseError());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void decodeRfc5424(Blackhole bh) {
    for (byte[] frame : rfc5424) {
      bh.consume(decoder.decode(frame, source));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void decodeRfc3164(Blackhole bh) {
    for (byte[] frame : rfc3164) {
      bh.consume(decoder.decode(frame, source));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseRfc5424Only(Blackhole bh) {
    Instant received = source.received();
    for (String text : rfc5424Text) {
      bh.consume(parser.parse(text, received, "127.0.0.1"));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void extractAccessLogOnly(Blackhole bh) {
    for (String body : bodies) {
      bh.consume(extractor.extract(body));
    }
  }
}
