package outpost.alerts.check;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program without a shell, with a deadline and bounded output: stdout and stderr are each
 * read by a virtual thread, the first {@link #MAX_OUTPUT_BYTES} kept and the rest drained so the
 * program never blocks on a full pipe. On timeout or interrupt the whole process tree is killed
 * (descendants first, as they are re-parented once their parent dies). Programs get an environment
 * of their own ({@link #PATH}, the C locale, {@code TZ}), not Outpost's. Stateless and thread-safe.
 */
final class ProcessRunner {
  /** Bytes of stdout and of stderr kept per run. */
  static final int MAX_OUTPUT_BYTES = 64 * 1024;

  /** The search path programs run with. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ProcessRunner() {}

  /** How a run ended; {@code exitCode} is -1 when it timed out. */
  record Outcome(boolean timedOut, int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} (program then arguments).
   *
   * @throws IOException when the program cannot be started (missing, not executable)
   * @throws InterruptedException after killing the process tree, when the caller is interrupted
   */
  static Outcome run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // Outpost's own environment may hold secrets (the Twilio token); plugins get a clean one, in
    // the C locale so numbers and messages are in the form the parsers expect
    Map<String, String> env = builder.environment();
    String tz = env.get("TZ");
    env.clear();
    env.put("PATH", PATH);
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    if (tz != null) {
      env.put("TZ", tz);
    }
    Process process = builder.start();
    Capture out = new Capture(process.getInputStream());
    Capture err = new Capture(process.getErrorStream());
    Thread outReader = Thread.ofVirtual().name("plugin-stdout").start(out);
    Thread errReader = Thread.ofVirtual().name("plugin-stderr").start(err);
    boolean exited;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
    if (!exited) {
      killTree(process);
    }
    // a grandchild that kept the pipes open must not hold the check beyond a short grace
    outReader.join(Duration.ofSeconds(1));
    errReader.join(Duration.ofSeconds(1));
    return new Outcome(!exited, exited ? process.exitValue() : -1, out.text(), err.text());
  }

  /** Kills {@code process} and every descendant, and waits for the process to be gone. */
  static void killTree(Process process) throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
    for (ProcessHandle d : descendants) {
      d.onExit().completeOnTimeout(d, 5, TimeUnit.SECONDS).join();
    }
  }

  /** Keeps the first bytes of one stream and drains the rest. */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    Capture(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (kept) {
            int keep = Math.min(n, MAX_OUTPUT_BYTES - kept.size());
            if (keep > 0) {
              kept.write(buf, 0, keep);
            }
          }
        }
      } catch (IOException e) {
        // the stream closes when the process is killed; what was read is kept
      }
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
