package outpost.ingest.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the real {@code openssl} command (EC P-256 keys, PKCS#8 PEM): CAs and
 * leaf certificates signed by them with {@code openssl ca}, which can also back-date a certificate
 * so that it is expired. Each CA lives in its own directory under the test's temp directory. Not
 * thread-safe; one per test.
 */
public final class TestPki {
  private final Path dir;

  /** A named CA: {@code <name>/ca.crt}, {@code <name>/ca.key}. */
  public record Ca(String name, Path dir, Path certificate, Path key) {}

  /** A leaf: PEM certificate and owner-only PKCS#8 key. */
  public record Leaf(Path certificate, Path key) {}

  public TestPki(Path dir) {
    this.dir = dir;
  }

  /** A self-signed CA valid for ten years. */
  public Ca ca(String name) throws IOException, InterruptedException {
    Path caDir = Files.createDirectories(dir.resolve(name));
    Files.createDirectories(caDir.resolve("newcerts"));
    Files.writeString(caDir.resolve("index.txt"), "");
    Files.writeString(caDir.resolve("serial"), "1000\n");
    Files.writeString(caDir.resolve("ca.cnf"), caConfig());
    openssl(
        caDir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "3650",
        "-subj",
        "/O=Outpost Test/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    return new Ca(name, caDir, caDir.resolve("ca.crt"), caDir.resolve("ca.key"));
  }

  /** A server certificate for localhost and 127.0.0.1, valid two days. */
  public Leaf server(Ca ca, String name) throws IOException, InterruptedException {
    return sign(ca, name, "server_ext", "-days", "2");
  }

  /** A client certificate with subject {@code /O=Outpost Test/CN=<cn>}, valid two days. */
  public Leaf client(Ca ca, String cn) throws IOException, InterruptedException {
    return sign(ca, cn, "client_ext", "-days", "2");
  }

  /** A client certificate that expired in 2020. */
  public Leaf expiredClient(Ca ca, String cn) throws IOException, InterruptedException {
    return sign(
        ca, cn, "client_ext", "-startdate", "20200101000000Z", "-enddate", "20200102000000Z");
  }

  /** A self-signed client certificate (no CA), valid two days. */
  public Leaf selfSigned(String cn) throws IOException, InterruptedException {
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
        "/O=Outpost Test/CN=" + cn,
        "-addext",
        "extendedKeyUsage=clientAuth",
        "-keyout",
        cn + ".key",
        "-out",
        cn + ".crt");
    return ownerOnly(new Leaf(dir.resolve(cn + ".crt"), dir.resolve(cn + ".key")));
  }

  /** A PKCS#12 keystore of {@code leaf} (with its chain) protected by {@code password}. */
  public Path pkcs12(Leaf leaf, Ca ca, String password) throws IOException, InterruptedException {
    Path out = dir.resolve(leaf.certificate().getFileName() + ".p12");
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        leaf.certificate().toString(),
        "-inkey",
        leaf.key().toString(),
        "-certfile",
        ca.certificate().toString(),
        "-passout",
        "pass:" + password,
        "-out",
        out.toString());
    return out;
  }

  private Leaf sign(Ca ca, String cn, String extensions, String... validity)
      throws IOException, InterruptedException {
    Path key = dir.resolve(cn + ".key");
    Path csr = dir.resolve(cn + ".csr");
    Path crt = dir.resolve(cn + ".crt");
    openssl(
        dir,
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/O=Outpost Test/CN=" + cn,
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    List<String> args =
        new ArrayList<>(
            List.of(
                "ca",
                "-batch",
                "-notext",
                "-config",
                "ca.cnf",
                "-extensions",
                extensions,
                "-in",
                csr.toString(),
                "-out",
                crt.toString()));
    args.addAll(List.of(validity));
    openssl(ca.dir(), args.toArray(new String[0]));
    return ownerOnly(new Leaf(crt, key));
  }

  private static Leaf ownerOnly(Leaf leaf) throws IOException {
    Files.setPosixFilePermissions(leaf.key(), PosixFilePermissions.fromString("rw-------"));
    return leaf;
  }

  private static String caConfig() {
    return """
        [ ca ]
        default_ca = test_ca
        [ test_ca ]
        dir = .
        database = index.txt
        new_certs_dir = newcerts
        serial = serial
        certificate = ca.crt
        private_key = ca.key
        default_md = sha256
        policy = any
        unique_subject = no
        [ any ]
        organizationName = optional
        commonName = supplied
        [ server_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [ client_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = clientAuth
        """;
  }

  /** Runs {@code openssl args} in {@code dir}; fails with its output unless it exits 0. */
  public static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " failed:\n" + output);
    }
  }
}
