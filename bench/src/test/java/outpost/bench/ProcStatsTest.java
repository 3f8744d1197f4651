package outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
  /** proc(5): utime and stime are fields 14 and 15; the name may hold spaces and parentheses. */
  private static final String STAT =
      "4242 (java (odd) name) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 40 0 100"
          + " 8000000 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  private static final String STATUS =
      """
      Name:\tjava
      VmPeak:\t 9000000 kB
      VmHWM:\t  812340 kB
      VmRSS:\t  700000 kB
      Threads:\t40
      """;

  @Test
  void readsUserPlusSystemTicksAfterTheName() {
    assertThat(ProcStats.ticks(STAT)).isEqualTo(1234 + 567);
    assertThat(ProcStats.ticksToNanos(1801)).isEqualTo(18_010_000_000L);
  }

  @Test
  void readsKilobyteLinesOfStatus() {
    assertThat(ProcStats.statusKb(STATUS, "VmHWM:", "/proc/4242")).isEqualTo(812_340);
    assertThat(ProcStats.statusKb(STATUS, "VmRSS:", "/proc/4242")).isEqualTo(700_000);
    assertThatThrownBy(() -> ProcStats.statusKb(STATUS, "VmSwap:", "/proc/4242"))
        .hasMessageContaining("/proc/4242/status has no VmSwap:");
  }

  @Test
  void readsThisProcess() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcStats.cpuNanos(self)).isPositive();
    long rss = ProcStats.rssBytes(self);
    // the high-water mark only grows, so read after the current size it is at least that
    assertThat(ProcStats.peakRssBytes(self)).isPositive().isGreaterThanOrEqualTo(rss);
  }
}
