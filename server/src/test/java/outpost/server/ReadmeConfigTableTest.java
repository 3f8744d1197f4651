package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration reference true: every key, variable and default is listed. */
class ReadmeConfigTableTest {

  @Test
  void readmeListsEveryConfigKeyWithItsVariableAndDefault() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (ConfigKey key : ConfigKeys.ALL) {
      String defaultCell = key.defaultValue().isEmpty() ? "(none)" : "`" + key.defaultValue() + "`";
      assertThat(readme)
          .as("README row for %s", key.path())
          .contains("| `" + key.path() + "` | `" + key.envVar() + "` | " + defaultCell + " |");
    }
  }
}
