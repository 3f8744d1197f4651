package outpost.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;
import outpost.index.Transport;
import outpost.ingest.IngestMetrics;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.relp.RelpDuplicates;
import outpost.ingest.transport.relp.RelpFrameDecoder;
import outpost.ingest.transport.relp.RelpSessionHandler;

/**
 * Fuzzes a whole RELP session (framer, session handler, real syslog decoder) with any bytes split
 * anywhere: no exception leaves the pipeline, every answer is a well-formed {@code rsp} frame, and
 * every buffer is released.
 */
class RelpSessionFuzzTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z"));
  private static final Pattern RESPONSE = Pattern.compile("(?s)\\d{1,9} rsp \\d{1,9}( .*)?\\n");

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({
    "1 open 15 commands=syslog",
    "2 syslog ",
    " close 0",
    "<13>1 2026-11-23T10:00:00Z host app - - - ",
    "<34>Nov 23 10:00:00 host app: "
  })
  void answersAnySessionWithoutEscapingExceptions(FuzzedDataProvider data) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IngestMetrics metrics = new IngestMetrics(registry, Transport.RELP);
    int maxPending = data.consumeInt(1, 8);
    List<ByteBuf> chunks = Chunks.of(data);
    try (RelpDuplicates duplicates =
        new RelpDuplicates(
            null,
            CLOCK,
            registry.counter(IngestMetrics.RELP_DUPLICATES),
            registry.counter(IngestMetrics.RELP_LOOKUPS_SKIPPED))) {
      EmbeddedChannel channel =
          new EmbeddedChannel(
              new RelpFrameDecoder(128),
              new RelpSessionHandler(
                  new CountingEventDecoder(
                      new SyslogEventDecoder(ParserConfig.defaults()), metrics, CLOCK),
                  new MeteredSink(new CollectingSink(), metrics),
                  duplicates,
                  maxPending,
                  registry.counter(IngestMetrics.RELP_PROTOCOL_ERRORS)));
      try {
        for (ByteBuf chunk : chunks) {
          if (channel.isOpen()) {
            channel.writeInbound(chunk);
          } else {
            chunk.release();
          }
          channel.runPendingTasks();
          channel.checkException();
          readResponses(channel);
        }
      } finally {
        channel.finishAndReleaseAll();
      }
    }
    assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
  }

  private static void readResponses(EmbeddedChannel channel) {
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      try {
        if (out.isReadable()) {
          assertThat(out.toString(StandardCharsets.UTF_8)).matches(RESPONSE);
        }
      } finally {
        out.release();
      }
    }
  }
}
