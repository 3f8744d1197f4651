package outpost.agents;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code outpost-tail}: follows the files matching globs (wildcards in the file name only), by
 * inode. Every poll it lists the matches; a path that now names another inode means the old file
 * was rotated by rename: the old one is read to its end and let go once it has not grown for {@code
 * --rotate-wait}, while the new one is read from 0. A file that shrank was truncated (copytruncate)
 * and is read again from 0. Positions are saved (see {@link TailState}) every second and on stop,
 * only up to lines already sent or spooled, so a restart resumes without loss; an inode that moved
 * away while the tail was stopped is found again in its directory.
 *
 * <p>Reading pauses while more lines wait in the queue and spool than the queue holds: the files
 * are already on disk, so they are not copied into the spool wholesale.
 *
 * <p>One thread reads; {@link #stopReading} and {@link #saveState} may be called from others.
 */
final class Tail {
  private static final long SAVE_INTERVAL_NANOS = 1_000_000_000L;

  private final Agent agent;
  private final AgentOptions options;
  private final List<Glob> globs = new ArrayList<>();
  private final Map<Long, FollowedFile> files = new LinkedHashMap<>();
  private final Map<Long, TailState.Entry> saved;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object stateLock = new Object();
  private volatile long lastSaveNanos = System.nanoTime();
  private volatile List<TailState.Entry> lastSaved = List.of();

  record Glob(Path dir, PathMatcher matcher, String text) {}

  private Tail(Agent agent, AgentOptions options, Map<Long, TailState.Entry> saved) {
    this.agent = agent;
    this.options = options;
    this.saved = saved;
    for (String g : options.files()) {
      globs.add(glob(g));
    }
  }

  static Glob glob(String text) {
    Path p = Path.of(text).toAbsolutePath().normalize();
    Path dir = p.getParent();
    String name = p.getFileName().toString();
    if (dir == null || dir.toString().matches(".*[*?\\[{].*")) {
      throw new IllegalArgumentException(
          "--file '" + text + "': wildcards are allowed in the file name only");
    }
    return new Glob(dir, FileSystems.getDefault().getPathMatcher("glob:" + name), text);
  }

  /** Loads the saved positions and starts the reading thread. */
  static Tail start(Agent agent, AgentOptions options) throws IOException {
    Tail tail = new Tail(agent, options, TailState.read(options.stateFile()));
    agent.onClose(tail::stopReading, tail::saveStateQuietly);
    Thread.ofPlatform().name("outpost-tail").daemon().start(tail::run);
    return tail;
  }

  /** Blocks until {@link #stopReading}. */
  void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      resumeRotatedAway();
      while (stop.getCount() > 0) {
        try {
          poll();
        } catch (IOException | RuntimeException e) {
          System.err.println("outpost-tail: " + e);
        }
        if (System.nanoTime() - lastSaveNanos >= SAVE_INTERVAL_NANOS) {
          saveStateQuietly();
        }
        stop.await(options.poll().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  /** Saved inodes no glob matches any more: rotated while stopped; found in their directory. */
  private void resumeRotatedAway() {
    Map<Long, Path> current = matches();
    for (TailState.Entry e : List.copyOf(saved.values())) {
      if (current.containsKey(e.inode())) {
        continue;
      }
      saved.remove(e.inode()); // found below, or gone for good
      Path dir = Path.of(e.path()).getParent();
      try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
        for (Path p : list) {
          if (Files.isRegularFile(p) && inode(p) == e.inode()) {
            saved.put(e.inode(), e);
            FollowedFile f = resume(e.inode(), p);
            if (f != null) {
              f.rotated = true;
              files.put(e.inode(), f);
            }
            break;
          }
        }
      } catch (IOException ex) {
        System.err.println("outpost-tail: cannot look for rotated " + e.path() + ": " + ex);
      }
    }
  }

  private Map<Long, Path> matches() {
    Map<Long, Path> out = new HashMap<>();
    for (Glob g : globs) {
      try (DirectoryStream<Path> list = Files.newDirectoryStream(g.dir())) {
        for (Path p : list) {
          if (g.matcher().matches(p.getFileName())
              && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            out.putIfAbsent(inode(p), p);
          }
        }
      } catch (NoSuchFileException e) {
        // the directory may appear later
      } catch (IOException e) {
        System.err.println("outpost-tail: cannot list " + g.dir() + ": " + e);
      }
    }
    return out;
  }

  private static long inode(Path p) throws IOException {
    return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
  }

  /** Opens an inode at its saved offset when its fingerprint still matches, else from 0. */
  private FollowedFile resume(long inode, Path p) {
    try {
      FollowedFile f = FollowedFile.open(inode, p, 0, options.maxLine());
      TailState.Entry e = saved.remove(inode);
      if (e != null
          && Files.size(p) >= e.offset()
          && e.fpLength() > 0
          && f.crcOfFirst(e.fpLength()) == e.fpCrc()) {
        f.close();
        return FollowedFile.open(inode, p, e.offset(), options.maxLine());
      }
      return f;
    } catch (IOException e) {
      System.err.println("outpost-tail: cannot open " + p + ": " + e);
      return null;
    }
  }

  private void poll() throws IOException {
    Map<Long, Path> current = matches();
    for (FollowedFile f : files.values()) {
      Path now = current.get(f.inode);
      if (now == null) {
        f.rotated = true; // renamed out of the globs or deleted: read what is left
      } else {
        f.path = now;
      }
    }
    for (Map.Entry<Long, Path> m : current.entrySet()) {
      if (!files.containsKey(m.getKey())) {
        FollowedFile f = resume(m.getKey(), m.getValue());
        if (f != null) {
          files.put(m.getKey(), f);
        }
      }
    }
    List<Long> done = new ArrayList<>();
    for (FollowedFile f : files.values()) {
      if (backlogged()) {
        return;
      }
      FollowedFile.Sink sink = sinkFor(f);
      f.readNew(sink);
      if (f.rotated
          && f.atEnd()
          && System.nanoTime() - f.lastGrowthNanos >= options.rotateWait().toNanos()) {
        f.finish(sink);
        done.add(f.inode);
      }
    }
    for (Long inode : done) {
      FollowedFile f;
      synchronized (stateLock) {
        f = files.remove(inode);
      }
      f.close();
    }
  }

  private FollowedFile.Sink sinkFor(FollowedFile f) {
    return (line, length, truncated, end, gen) ->
        agent.line(line, length, truncated, () -> f.committed(end, gen));
  }

  private boolean backlogged() {
    return agent.sender().backlog() > options.queue();
  }

  void stopReading() {
    stop.countDown();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void saveStateQuietly() {
    List<TailState.Entry> entries = new ArrayList<>();
    synchronized (stateLock) {
      files.values().forEach(f -> entries.add(f.entry()));
    }
    entries.addAll(saved.values()); // not found this run; kept in case they come back
    lastSaveNanos = System.nanoTime();
    if (entries.equals(lastSaved)) {
      return; // unchanged: no write, no fsync
    }
    try {
      TailState.write(options.stateFile(), entries);
      lastSaved = entries;
    } catch (IOException e) {
      System.err.println(
          "outpost-tail: cannot save positions to " + options.stateFile() + ": " + e);
    }
    lastSaveNanos = System.nanoTime();
  }
}
