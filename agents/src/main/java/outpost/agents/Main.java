package outpost.agents;

import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code outpost-agents.jar}: {@code logpipe}, {@code tail}, {@code heartbeat} or
 * {@code goodbye}, then that mode's options. Exit codes: 0 done, 1 I/O failure, 2 bad command line.
 */
public final class Main {
  private Main() {}

  static final String USAGE =
      """
      usage: outpost-agent MODE --server HOST:PORT [options]
        modes: logpipe (stdin lines), tail (--file GLOB ...), heartbeat, goodbye
        transport: --udp | --relp | --tls [--ca FILE] [--cert FILE --key FILE]   (default plain TCP)
                   (--relp: acknowledged delivery, combines with --tls)
        message:   --tag APP-NAME --hostname NAME --facility local6 --severity info
        spool:     --spool-dir DIR --spool-max 256MiB --queue 10000 --max-line 64KiB
        heartbeat: --heartbeat 30s (0: off) --goodbye | --no-goodbye
        tail:      --file GLOB (repeat) --state-file FILE --poll 250ms --rotate-wait 5s
      """;

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    String mode = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.contains("--help")) {
      System.out.print(USAGE);
      return;
    }
    String program = "outpost-" + mode;
    try {
      if (!List.of("logpipe", "tail", "heartbeat", "goodbye").contains(mode)) {
        throw new IllegalArgumentException("unknown mode '" + mode + "'");
      }
      AgentOptions options = AgentOptions.parse(mode, rest, System.getenv());
      run(options, InstantSource.system(), System.in);
    } catch (IllegalArgumentException e) {
      System.err.println(program + ": " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
    } catch (IOException e) {
      System.err.println(program + ": " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(AgentOptions options, InstantSource clock, InputStream stdin) throws IOException {
    if (options.mode().equals("goodbye")) {
      Agent.sendGoodbye(options, clock);
      return;
    }
    Agent agent = Agent.start(options, clock);
    // SIGTERM: the hook sends or spools what is queued; the main thread may still sit in a read
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform().name("outpost-shutdown").unstarted(() -> closeQuietly(agent)));
    try {
      switch (options.mode()) {
        case "logpipe" -> pipe(agent, options, stdin);
        case "tail" -> Tail.start(agent, options).awaitStop();
        default -> awaitQuietly(new CountDownLatch(1)); // heartbeat: until SIGTERM
      }
    } finally {
      agent.close();
    }
  }

  /** Reads stdin to its end; each line is sent with the time it was read. */
  private static void pipe(Agent agent, AgentOptions options, InputStream in) throws IOException {
    LineSplitter lines =
        new LineSplitter(
            options.maxLine(),
            0,
            (line, length, truncated, end) -> agent.line(line, length, truncated, null));
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) >= 0) {
      lines.feed(buf, 0, n);
    }
    lines.finish();
  }

  private static void closeQuietly(Agent agent) {
    try {
      agent.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("outpost-agent: error while stopping: " + e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
