package outpost.alerts.engine;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import outpost.alerts.AlertSummary;
import outpost.alerts.CheckDetail;
import outpost.alerts.CheckView;
import outpost.alerts.check.Status;
import outpost.alerts.notify.Notifier;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.CheckState;
import outpost.alerts.state.HostStatus;
import outpost.alerts.state.StateType;

/** The board's, summary's and detail page's view of the scheduled checks. Thread-safe. */
final class CheckViews {
  static final int MAX_SUMMARY_PROBLEMS = 50;
  static final int MAX_DETAIL_HISTORY = 500;
  static final int MAX_DETAIL_NOTIFICATIONS = 100;

  /** Worst first: CRITICAL, UNKNOWN, WARNING, OK, then checks not run yet. */
  static final Comparator<CheckView> WORST_FIRST =
      Comparator.comparingInt(CheckViews::rank)
          .thenComparing(CheckView::host)
          .thenComparing(CheckView::service);

  private final CheckRegistry registry;
  private final HistoryStore history;
  private final DowntimeStore downtimes;
  private final Notifier notifier;
  private final InstantSource clock;
  private final Runnable flush;

  /**
   * @param flush writes held-back perfdata before the detail page reads it
   */
  CheckViews(
      CheckRegistry registry,
      HistoryStore history,
      DowntimeStore downtimes,
      Notifier notifier,
      InstantSource clock,
      Runnable flush) {
    this.flush = flush;
    this.registry = registry;
    this.history = history;
    this.downtimes = downtimes;
    this.notifier = notifier;
    this.clock = clock;
  }

  private static int rank(CheckView v) {
    if (v.lastCheck() == null) {
      return 4;
    }
    return switch (v.status()) {
      case CRITICAL -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case OK -> 3;
    };
  }

  List<CheckView> all() {
    List<CheckView> out = new ArrayList<>();
    for (ScheduledCheck c : registry.all()) {
      out.add(view(c));
    }
    out.sort(WORST_FIRST);
    return out;
  }

  CheckView view(ScheduledCheck c) {
    CheckState s = c.state();
    return new CheckView(
        c.id(),
        s.key().host(),
        s.key().service(),
        c.kind(),
        s.status(),
        s.hostStatus(),
        s.type(),
        s.attempt(),
        c.policy().maxCheckAttempts(),
        s.output(),
        s.perfData(),
        s.lastCheck(),
        c.due(),
        s.lastStateChange(),
        s.flapping(),
        s.acknowledgement(),
        s.inDowntime(),
        suppressed(s));
  }

  private String suppressed(CheckState s) {
    if (!s.key().hostCheck() && hostDown(s.key())) {
      return "host down";
    }
    if (s.inDowntime()) {
      return "downtime";
    }
    if (s.flapping()) {
      return "flapping";
    }
    if (s.acknowledgement() != null) {
      return "acknowledged by " + s.acknowledgement().author();
    }
    return "";
  }

  private boolean hostDown(CheckKey key) {
    return registry
        .get(new CheckKey(key.host(), ""))
        .map(ScheduledCheck::state)
        .filter(h -> h.lastCheck() != null && h.type() == StateType.HARD)
        .map(h -> h.hostStatus() != null && h.hostStatus() != HostStatus.UP)
        .orElse(false);
  }

  AlertSummary summary() {
    int ok = 0, warning = 0, critical = 0, unknown = 0, pending = 0;
    int acknowledged = 0, inDowntime = 0, flapping = 0;
    List<CheckView> problems = new ArrayList<>();
    for (CheckView v : all()) {
      if (v.lastCheck() == null) {
        pending++;
        continue;
      }
      switch (v.status()) {
        case OK -> ok++;
        case WARNING -> warning++;
        case CRITICAL -> critical++;
        case UNKNOWN -> unknown++;
      }
      acknowledged += v.acknowledgement() != null ? 1 : 0;
      inDowntime += v.inDowntime() ? 1 : 0;
      flapping += v.flapping() ? 1 : 0;
      if (v.status() != Status.OK
          && v.acknowledgement() == null
          && !v.inDowntime()
          && problems.size() < MAX_SUMMARY_PROBLEMS) {
        problems.add(v);
      }
    }
    return new AlertSummary(
        ok, warning, critical, unknown, pending, acknowledged, inDowntime, flapping, problems);
  }

  Optional<CheckDetail> detail(long id) {
    flush.run();
    return registry
        .get(id)
        .map(
            c -> {
              Instant now = clock.instant();
              return new CheckDetail(
                  view(c),
                  history.history(id, MAX_DETAIL_HISTORY),
                  history.perf(id, now),
                  notifier.forCheck(id, MAX_DETAIL_NOTIFICATIONS),
                  downtimes.all().stream().filter(d -> d.covers(c.key())).toList(),
                  c.definition());
            });
  }
}
