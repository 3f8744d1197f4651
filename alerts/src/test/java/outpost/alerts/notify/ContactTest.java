package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTest {
  @Test
  void rejectsNumbersThatAreNotE164() {
    assertThatThrownBy(() -> new Contact("alice", "07911 123456", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'07911 123456' is not E.164");
  }

  @Test
  void rejectsContactsWithoutAChannelAndNonHttpWebhooks() {
    assertThatThrownBy(() -> new Contact("alice", "", null, null))
        .hasMessageContaining("neither a phone nor a webhook");
    assertThatThrownBy(() -> new Contact("ops", "", URI.create("ftp://x/"), null))
        .hasMessageContaining("not an http(s) URL");
  }

  @Test
  void escalationBeyondTheLastLevelUsesTheHighest() {
    ContactRouting r = ContactRouting.byLevel(List.of(List.of("alice"), List.of("bob", "carol")));
    assertThat(r.contacts(1, 0)).containsExactly("alice");
    assertThat(r.contacts(1, 1)).containsExactly("bob", "carol");
    assertThat(r.contacts(1, 9)).containsExactly("bob", "carol");
    assertThat(ContactRouting.byLevel(List.of()).contacts(1, 0)).isEmpty();
    ContactRouting gap =
        ContactRouting.byLevel(List.of(List.of("alice"), List.of(), List.of("dave")));
    assertThat(gap.contacts(1, 1)).containsExactly("alice");
    assertThat(gap.contacts(1, 2)).containsExactly("dave");
  }
}
