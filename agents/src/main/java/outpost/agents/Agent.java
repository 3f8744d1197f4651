package outpost.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * One running agent: its transport, spool, sender and heartbeat, wired from {@link AgentOptions}.
 * Lines handed to {@link #line} become RFC 5424 messages stamped with the time they were read.
 * {@link #close} (also run by the shutdown hook on SIGTERM) sends the goodbye when enabled, sends
 * or spools everything queued, and closes the spool.
 *
 * <p>Thread-safe. The program that opens it closes it.
 */
final class Agent implements AutoCloseable {
  private final AgentOptions options;
  private final InstantSource clock;
  private final String program;
  private final Rfc5424Writer writer;
  private final Transport transport;
  private final Spool spool;
  private final AgentCounters counters;
  private final Sender sender;
  private final Heartbeat heartbeat;
  private final ScheduledExecutorService beats;
  private final List<Runnable> beforeClose = new CopyOnWriteArrayList<>();
  private final List<Runnable> afterClose = new CopyOnWriteArrayList<>();
  private boolean closed;

  private Agent(
      AgentOptions options,
      InstantSource clock,
      Spool spool,
      Transport transport,
      AgentCounters counters) {
    this.options = options;
    this.counters = counters;
    this.clock = clock;
    this.program = "outpost-" + options.mode();
    this.spool = spool;
    this.transport = transport;
    this.writer =
        new Rfc5424Writer(
            options.facility(),
            options.severity(),
            options.hostname(),
            Long.toString(ProcessHandle.current().pid()));
    this.sender = new Sender(transport, spool, options.queue(), counters, this::dropNotice);
    this.heartbeat =
        new Heartbeat(
            writer, new SystemStats(Path.of("/proc")), clock, options.heartbeat(), counters, spool);
    this.beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("outpost-heartbeat").daemon().unstarted(r));
  }

  /**
   * Opens the spool and starts sending (and beating, unless {@code --heartbeat 0}).
   *
   * @throws IOException when the spool or the TLS files cannot be opened
   */
  static Agent start(AgentOptions options, InstantSource clock) throws IOException {
    AgentCounters counters = new AgentCounters();
    Transport transport = transport(options, counters);
    Spool spool = Spool.open(options.spoolDir(), options.spoolMax());
    Agent agent = new Agent(options, clock, spool, transport, counters);
    agent.sender.start();
    long every = options.heartbeat().toMillis();
    if (every > 0) {
      agent.beats.scheduleAtFixedRate(agent::beat, 0, every, TimeUnit.MILLISECONDS);
    }
    return agent;
  }

  static Transport transport(AgentOptions o, AgentCounters counters) throws IOException {
    if (o.udp()) {
      return new UdpTransport(o.host(), o.port());
    }
    SSLSocketFactory tls = o.tls() ? PemTls.socketFactory(o.ca(), o.cert(), o.key()) : null;
    if (o.relp()) {
      return new RelpTransport(o.host(), o.port(), tls, counters.rejected);
    }
    return new TcpTransport(o.host(), o.port(), tls);
  }

  private void beat() {
    try {
      sender.offerIfLive(heartbeat.heartbeat());
    } catch (IOException | RuntimeException e) {
      System.err.println(program + ": cannot build the heartbeat: " + e);
    }
  }

  private byte[] dropNotice(long dropped) {
    String text = program + " dropped " + dropped + " lines (spool full)";
    return writer.message(
        4,
        clock.instant(),
        options.tag(),
        "-",
        null,
        text.getBytes(StandardCharsets.UTF_8),
        0,
        text.length());
  }

  /**
   * Sends one line, {@code line[0, length)}, read now; {@code onDone} runs once sent or spooled.
   */
  void line(byte[] line, int length, boolean truncated, Runnable onDone) {
    if (truncated) {
      counters.truncated.incrementAndGet();
    }
    byte[] message =
        writer.message(
            options.severity(), clock.instant(), options.tag(), "-", null, line, 0, length);
    sender.offer(message, onDone);
  }

  AgentCounters counters() {
    return counters;
  }

  Sender sender() {
    return sender;
  }

  /** Sends the goodbye if enabled, then everything queued (or spools it); safe twice. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    beforeClose.forEach(Runnable::run);
    beats.shutdownNow();
    if (options.goodbye()) {
      sender.offer(Heartbeat.goodbye(writer, clock, "shutdown"), null);
    }
    try {
      sender.close();
    } finally {
      transport.close();
      spool.close();
      afterClose.forEach(Runnable::run);
    }
  }

  /**
   * Runs {@code before} first when closing (stop reading) and {@code after} once everything was
   * sent or spooled (save positions).
   */
  void onClose(Runnable before, Runnable after) {
    beforeClose.add(before);
    afterClose.add(after);
  }

  /** Sends one goodbye and returns ({@code outpost-agent goodbye}). */
  static void sendGoodbye(AgentOptions options, InstantSource clock) throws IOException {
    Rfc5424Writer writer =
        new Rfc5424Writer(
            options.facility(),
            options.severity(),
            options.hostname(),
            Long.toString(ProcessHandle.current().pid()));
    Transport transport = transport(options, new AgentCounters());
    try {
      transport.connect();
      transport.send(List.of(Heartbeat.goodbye(writer, clock, "shutdown")));
    } finally {
      transport.close();
    }
  }
}
