package outpost.alerts;

import java.util.Objects;
import java.util.function.Supplier;
import outpost.alerts.check.SelfStatus;
import outpost.index.HostDirectory;
import outpost.index.LogSearch;
import outpost.index.LogTail;

/**
 * What the alerts read from the rest of Outpost: the store (log checks), hosts discovered from the
 * logs (templates, freshness, retire), the live tail (agent heartbeats become passive results) and
 * Outpost's own vital signs (ingest accepted counts etc., the notifier's failures added by the
 * engine).
 */
public record AlertInputs(
    LogSearch search, HostDirectory hosts, LogTail tail, Supplier<SelfStatus> self) {
  public AlertInputs {
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(self, "self");
  }
}
