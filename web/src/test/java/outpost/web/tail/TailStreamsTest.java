package outpost.web.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TailStreamsTest {

  @Test
  void limitsStreamsInTotalAndPerUser() {
    TailStreams streams = new TailStreams(3, 2, TailPacing.DEFAULT);
    TailStreams.Slot a1 = streams.open("alice");
    streams.open("alice");

    assertThatThrownBy(() -> streams.open("alice"))
        .isInstanceOf(TailStreams.TooManyStreams.class)
        .hasMessage("user has 2 live tails open, the limit is 2 per user");
    streams.open("bob");
    assertThatThrownBy(() -> streams.open("carol"))
        .isInstanceOf(TailStreams.TooManyStreams.class)
        .hasMessage("3 live tails are open, the limit is 3");

    a1.close();
    a1.close();
    assertThat(streams.openStreams()).isEqualTo(2);
    streams.open("carol");
    assertThat(streams.openStreams()).isEqualTo(3);
  }

  @Test
  void refusesNewStreamsOnceClosed() {
    TailStreams streams = new TailStreams();
    streams.close();

    assertThatThrownBy(() -> streams.open("alice"))
        .isInstanceOf(TailStreams.TooManyStreams.class)
        .hasMessageContaining("shutting down");
  }
}
