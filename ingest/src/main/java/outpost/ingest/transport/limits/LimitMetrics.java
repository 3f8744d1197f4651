package outpost.ingest.transport.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import outpost.index.Transport;
import outpost.ingest.IngestMetrics;

/** Binds the limit counter; names live in {@link IngestMetrics}. Stateless. */
final class LimitMetrics {
  static final String LIMITED = IngestMetrics.LIMITED;

  private LimitMetrics() {}

  static Counter limited(MeterRegistry registry, Transport listener, LimitReason reason) {
    return Counter.builder(LIMITED)
        .description("Limits hit by sources, by listener and reason")
        .tag("listener", listener.id())
        .tag("reason", reason.tag())
        .register(registry);
  }
}
