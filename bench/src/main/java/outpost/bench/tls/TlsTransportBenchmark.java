package outpost.bench.tls;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import outpost.index.LogEvent;
import outpost.index.LogSink;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.tcp.SyslogTcpReceiver;
import outpost.ingest.transport.tcp.TcpReceiverConfig;
import outpost.ingest.transport.tls.ClientAuthMode;
import outpost.ingest.transport.tls.KeyMaterial;
import outpost.ingest.transport.tls.SyslogTlsReceiver;
import outpost.ingest.transport.tls.SyslogTlsSettings;
import outpost.ingest.transport.tls.TlsReceiverConfig;

/**
 * Syslog over TLS next to plain TCP, in one JVM: the real receivers (framing, the RFC 5424 parser,
 * batching) feed a sink that only counts, so the numbers are the transport's cost without the
 * store. Reports messages/s over {@code --connections} connections, the receiver threads' CPU per
 * 10,000 msgs/s, and TLS handshakes/s (TLS 1.3, EC P-256, client certificate checked against a
 * fingerprint). Certificates are made with {@code openssl}. Senders run in the same JVM and share
 * the cores; their CPU is reported apart.
 *
 * <p>Usage: {@code bench/run tls [--seconds N] [--connections N] [--threads N]}
 */
public final class TlsTransportBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private TlsTransportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = intArg(args, "--seconds", 10);
    int connections = intArg(args, "--connections", 4);
    int threads = intArg(args, "--threads", 2);
    Path dir = Files.createTempDirectory("outpost-tls-bench");
    Pki pki = Pki.make(dir);
    CountingSink sink = new CountingSink();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SyslogEventDecoder decoder =
        new SyslogEventDecoder(new ParserConfig(ZoneOffset.UTC, List.of()));
    SyslogTlsSettings tls =
        new SyslogTlsSettings(
            new KeyMaterial.Pem(pki.serverCert, pki.serverKey),
            ClientAuthMode.REQUIRED,
            Optional.empty(),
            List.of(pki.clientFingerprint),
            Optional.empty(),
            Duration.ZERO);
    try (SyslogTcpReceiver tcp =
            new SyslogTcpReceiver(
                new TcpReceiverConfig("127.0.0.1", 0, 64 * 1024, threads, Duration.ZERO),
                decoder,
                sink,
                registry,
                InstantSource.system());
        SyslogTlsReceiver tlsReceiver =
            new SyslogTlsReceiver(
                new TlsReceiverConfig(
                    "127.0.0.1", 0, 64 * 1024, threads, Duration.ZERO, tls, ListenerLimits.NONE),
                decoder,
                sink,
                registry,
                InstantSource.system())) {
      int tcpPort = tcp.start();
      int tlsPort = tlsReceiver.start();
      SSLContext client = pki.clientContext();
      System.out.printf(
          "outpost TLS transport bench: %d s per phase, %d connections, %d receiver threads, %d"
              + " cores%n",
          seconds, connections, threads, Runtime.getRuntime().availableProcessors());
      // warm-up: JIT and TLS classes, not measured
      throughput("warm-up tcp", () -> plain(tcpPort), connections, 3, sink, "outpost-tcp");
      throughput("warm-up tls", () -> secure(client, tlsPort), connections, 3, sink, "outpost-tls");
      throughput("tcp", () -> plain(tcpPort), connections, seconds, sink, "outpost-tcp");
      throughput("tls", () -> secure(client, tlsPort), connections, seconds, sink, "outpost-tls");
      handshakes(client, tlsPort, connections, seconds);
    }
  }

  private interface Connector {
    Socket open() throws IOException;
  }

  private static Socket plain(int port) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  private static Socket secure(SSLContext context, int port) throws IOException {
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
    socket.startHandshake();
    return socket;
  }

  private static void throughput(
      String name,
      Connector connector,
      int connections,
      int seconds,
      CountingSink sink,
      String serverThreads)
      throws Exception {
    byte[] chunk = chunk();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> senders = new ArrayList<>();
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Socket socket = connector.open();
      sockets.add(socket);
      senders.add(
          Thread.ofPlatform()
              .name("bench-sender-" + i)
              .start(
                  () -> {
                    try {
                      OutputStream out = socket.getOutputStream();
                      while (!stop.get()) {
                        out.write(chunk);
                      }
                    } catch (IOException e) {
                      if (!stop.get()) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  }));
    }
    long serverCpu0 = cpuOf(serverThreads);
    long senderCpu0 = cpuOf("bench-sender");
    long count0 = sink.events.get();
    long t0 = System.nanoTime();
    TimeUnit.SECONDS.sleep(seconds); // the measured window of a load run, not a test wait
    long count1 = sink.events.get();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long serverCpu = cpuOf(serverThreads) - serverCpu0;
    long senderCpu = cpuOf("bench-sender") - senderCpu0;
    stop.set(true);
    for (Socket s : sockets) {
      s.close();
    }
    for (Thread t : senders) {
      t.join();
    }
    double rate = (count1 - count0) / elapsed;
    System.out.printf(
        "%-12s %,10.0f msgs/s   receiver CPU %.3f cores (%.3f cores per 10,000 msgs/s)"
            + "   senders %.2f cores%n",
        name,
        rate,
        serverCpu / 1e9 / elapsed,
        serverCpu / 1e9 / elapsed / (rate / 10_000),
        senderCpu / 1e9 / elapsed);
  }

  private static void handshakes(SSLContext context, int port, int threads, int seconds)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Thread> clients = new ArrayList<>();
    long serverCpu0 = cpuOf("outpost-tls");
    long t0 = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      clients.add(
          Thread.ofPlatform()
              .name("bench-handshake-" + i)
              .start(
                  () -> {
                    while (!stop.get()) {
                      try (SSLSocket s =
                          (SSLSocket)
                              context
                                  .getSocketFactory()
                                  .createSocket(InetAddress.getLoopbackAddress(), port)) {
                        s.startHandshake();
                        // one message, so the server has finished its side too (TLS 1.3)
                        s.getOutputStream().write("5 <13>x".getBytes(StandardCharsets.US_ASCII));
                        done.incrementAndGet();
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  }));
    }
    TimeUnit.SECONDS.sleep(seconds); // the measured window, not a test wait
    stop.set(true);
    for (Thread t : clients) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long serverCpu = cpuOf("outpost-tls") - serverCpu0;
    System.out.printf(
        "%-12s %,10.0f handshakes/s (new session each, TLS 1.3, client certificate)   receiver"
            + " CPU %.3f cores, %.2f ms per handshake%n",
        "handshakes",
        done.get() / elapsed,
        serverCpu / 1e9 / elapsed,
        serverCpu / 1e6 / Math.max(1, done.get()));
  }

  /** 256 octet-counted RFC 5424 messages of a typical access-log size. */
  private static byte[] chunk() {
    StringBuilder text = new StringBuilder();
    String now = Instant.now().toString();
    for (int i = 0; i < 256; i++) {
      String msg =
          "<134>1 "
              + now
              + " web-"
              + (i % 40)
              + " apache 2006 access - 203.0.113."
              + (i % 250)
              + " - - [23/Nov/2026:10:45:00 +0000] \"GET /index.php?id="
              + i
              + " HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
      text.append(msg.getBytes(StandardCharsets.UTF_8).length).append(' ').append(msg);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long cpuOf(String threadPrefix) {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      var info = THREADS.getThreadInfo(id);
      if (info != null && info.getThreadName().startsWith(threadPrefix)) {
        long cpu = THREADS.getThreadCpuTime(id);
        sum += Math.max(cpu, 0);
      }
    }
    return sum;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  /** Counts events; never full. */
  private static final class CountingSink implements LogSink {
    final AtomicLong events = new AtomicLong();

    @Override
    public CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
      events.addAndGet(batch.size());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void whenWritable(Runnable callback) {
      callback.run();
    }
  }

  /** A self-signed server and client certificate made with openssl. */
  private record Pki(
      Path serverCert, Path serverKey, Path clientP12, Path dir, String clientFingerprint) {
    static Pki make(Path dir) throws Exception {
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-days",
          "2",
          "-subj",
          "/CN=localhost",
          "-addext",
          "subjectAltName=DNS:localhost,IP:127.0.0.1",
          "-keyout",
          "server.key",
          "-out",
          "server.crt");
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-days",
          "2",
          "-subj",
          "/CN=bench-client",
          "-addext",
          "extendedKeyUsage=clientAuth",
          "-keyout",
          "client.key",
          "-out",
          "client.crt");
      openssl(
          dir,
          "pkcs12",
          "-export",
          "-in",
          "client.crt",
          "-inkey",
          "client.key",
          "-passout",
          "pass:bench",
          "-out",
          "client.p12");
      Files.setPosixFilePermissions(
          dir.resolve("server.key"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      X509Certificate clientCert;
      try (InputStream in = new FileInputStream(dir.resolve("client.crt").toFile())) {
        clientCert =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      String fingerprint =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(clientCert.getEncoded()));
      return new Pki(
          dir.resolve("server.crt"),
          dir.resolve("server.key"),
          dir.resolve("client.p12"),
          dir,
          fingerprint);
    }

    SSLContext clientContext() throws IOException, GeneralSecurityException {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(clientP12)) {
        keys.load(in, "bench".toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "bench".toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(serverCert)) {
        trust.setCertificateEntry(
            "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      // a fresh session per connection: handshakes are full ones, not resumptions
      context.getClientSessionContext().setSessionCacheSize(1);
      context.getClientSessionContext().setSessionTimeout(1);
      return context;
    }

    private static void openssl(Path dir, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("openssl"));
      command.addAll(List.of(args));
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + out);
      }
    }
  }
}
