package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken file in the data directory stops start-up before any port is bound, naming it. */
class BrokenDataFilesTest {
  @TempDir Path dir;

  @Test
  void brokenTokensFileStopsStartUpBeforeBindingAndNamesTheFile() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("tokens.json"), "{ not json");
    int port = freePort();

    assertThatThrownBy(() -> Outpost.start(config(data, port)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("tokens.json");
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port); // syslog never took it
    }
  }

  private static OutpostConfig config(Path data, int syslogPort) {
    return OutpostConfig.load(
        null,
        Map.of(
            "OUTPOST_DATA_DIR",
            data.toString(),
            "OUTPOST_SYSLOG_BIND",
            "127.0.0.1",
            "OUTPOST_SYSLOG_UDP_PORT",
            "0",
            "OUTPOST_SYSLOG_TCP_PORT",
            Integer.toString(syslogPort),
            "OUTPOST_SYSLOG_TIME_ZONE",
            ZoneId.systemDefault().getId(),
            "OUTPOST_WEB_BIND",
            "127.0.0.1",
            "OUTPOST_WEB_PORT",
            "0",
            "OUTPOST_ADMIN_PASSWORD",
            ApiClient.ADMIN_PASSWORD));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
