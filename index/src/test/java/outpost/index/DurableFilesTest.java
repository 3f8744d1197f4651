package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheWholeContentAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("sub").resolve("state.json");
    DurableFiles.replace(file, "first, longer content".getBytes(StandardCharsets.UTF_8), false);
    DurableFiles.replace(file, "second".getBytes(StandardCharsets.UTF_8), false);

    assertThat(Files.readString(file)).isEqualTo("second");
    assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
        .containsExactly("state.json");
  }

  @Test
  void ownerOnlyFilesAreMode600() throws IOException {
    Path file = dir.resolve("secret.json");
    DurableFiles.replace(file, "x".getBytes(StandardCharsets.UTF_8), true);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
