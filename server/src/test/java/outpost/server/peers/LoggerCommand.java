package outpost.server.peers;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run of util-linux's {@code logger} sending a message to 127.0.0.1. What it puts on the wire
 * (util-linux 2.38): {@code --rfc3164} sends {@code <PRI>Mmm dd hh:mm:ss HOST TAG: MSG} with the
 * short host name; {@code --rfc5424} sends {@code <PRI>1 TIMESTAMP HOST TAG - - [timeQuality ...]
 * MSG}. Over TCP each message ends with LF unless {@code --octet-count} prefixes its length (RFC
 * 6587); over UDP there is no framing. Immutable.
 *
 * @param transport UDP or TCP
 * @param format RFC 3164 or RFC 5424
 * @param octetCount whether to pass {@code --octet-count}
 * @param tag the {@code -t} tag (becomes the app name)
 * @param priority the {@code -p} priority, {@code facility.severity}
 */
public record LoggerCommand(
    Transport transport, Format format, boolean octetCount, String tag, String priority) {
  private static final long TIMEOUT_SECONDS = 10;

  /** Transport option: {@code --udp} or {@code --tcp}. */
  public enum Transport {
    UDP("--udp"),
    TCP("--tcp");

    private final String option;

    Transport(String option) {
      this.option = option;
    }
  }

  /** Format option: {@code --rfc3164} or {@code --rfc5424}. */
  public enum Format {
    RFC3164("--rfc3164"),
    RFC5424("--rfc5424");

    private final String option;

    Format(String option) {
      this.option = option;
    }
  }

  public LoggerCommand {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(priority, "priority");
  }

  /** The command line that sends {@code message} to 127.0.0.1:{@code port}. */
  public List<String> argv(int port, String message) {
    List<String> argv = new ArrayList<>();
    argv.add(PeerPrograms.logger().toString());
    argv.add(transport.option);
    argv.addAll(List.of("--server", "127.0.0.1", "--port", Integer.toString(port)));
    argv.add(format.option);
    if (octetCount) {
      argv.add("--octet-count");
    }
    argv.addAll(List.of("-t", tag, "-p", priority, "--", message));
    return argv;
  }

  /** Runs logger and waits for it; fails with its output unless it exits 0. */
  public void send(int port, String message) {
    List<String> argv = argv(port, message);
    try {
      Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("logger did not exit within " + TIMEOUT_SECONDS + " s: " + argv);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "logger exited with " + process.exitValue() + ": " + argv + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("running " + argv, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + argv, e);
    }
  }

  @Override
  public String toString() {
    return transport.option
        + " "
        + format.option
        + (octetCount ? " --octet-count" : "")
        + " -t "
        + tag
        + " -p "
        + priority;
  }
}
