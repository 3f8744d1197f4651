package outpost.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedSearchStoreTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-23T12:00:00Z"));

  @TempDir Path dir;

  @Test
  void keepsSearchesAcrossReopenAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve(SavedSearchStore.FILE_NAME);
    SavedSearchStore store = SavedSearchStore.open(file, CLOCK);
    SavedSearch a = store.add("errors", "q=severity%3Aerr&range=1h", "admin");
    SavedSearch b = store.add("5xx <b>", "q=status%3A500", "bob");
    store.delete(a.id());

    SavedSearchStore reopened = SavedSearchStore.open(file, CLOCK);

    assertThat(reopened.list()).containsExactly(b);
    assertThat(reopened.get(b.id())).contains(b);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void refusesMoreThanTheLimit() throws IOException {
    SavedSearchStore store =
        SavedSearchStore.open(dir.resolve(SavedSearchStore.FILE_NAME), CLOCK, 3);
    for (int i = 0; i < 3; i++) {
      store.add("s" + i, "q=" + i, "admin");
    }

    assertThatThrownBy(() -> store.add("one more", "q=x", "admin"))
        .isInstanceOf(SavedSearchStore.LimitReached.class)
        .hasMessageContaining("limit 3");
    assertThat(store.list()).hasSize(3);
  }

  @Test
  void refusesBadNamesAndStates() throws IOException {
    SavedSearchStore store = SavedSearchStore.open(dir.resolve("s.json"), CLOCK);

    assertThatThrownBy(() -> store.add(" ", "q=x", "admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> store.add("n".repeat(101), "q=x", "admin"))
        .hasMessageContaining("101 characters, more than 100");
    assertThatThrownBy(() -> store.add("n", "q".repeat(4097), "admin"))
        .hasMessageContaining("4097 characters, more than 4096");
    assertThat(store.list()).isEmpty();
    assertThat(dir.resolve("s.json")).doesNotExist();
  }

  @Test
  void aDamagedFileFailsNamingTheFile() throws IOException {
    Path file = dir.resolve(SavedSearchStore.FILE_NAME);
    Files.writeString(file, "{not json", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SavedSearchStore.open(file, CLOCK))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }
}
