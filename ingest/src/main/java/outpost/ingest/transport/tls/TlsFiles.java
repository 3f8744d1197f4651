package outpost.ingest.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLS key material and trust files with JDK APIs only. Every failure is a {@link
 * TlsSetupException} naming the file and the reason. Stateless.
 */
final class TlsFiles {
  /** Certificate, key and list files are small; anything larger is not one. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private TlsFiles() {}

  /** The key store (one entry) and its password, from PEM files or a PKCS#12 keystore. */
  record Identity(KeyStore store, char[] password, X509Certificate leaf) {}

  static Identity identity(KeyMaterial material) {
    return switch (material) {
      case KeyMaterial.Pem pem -> fromPem(pem.certificate(), pem.privateKey());
      case KeyMaterial.Pkcs12 p12 -> fromPkcs12(p12.keystore(), p12.password());
    };
  }

  private static Identity fromPem(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    requireMatch(key, chain.get(0).getPublicKey(), certificateFile, keyFile);
    char[] password = new char[0];
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("syslog", key, password, chain.toArray(new Certificate[0]));
      return new Identity(store, password, chain.get(0));
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsSetupException(keyFile + ": cannot hold the key: " + e.getMessage(), e);
    }
  }

  private static Identity fromPkcs12(Path file, String password) {
    byte[] bytes = read(file);
    try {
      KeyStore source = KeyStore.getInstance("PKCS12");
      source.load(new ByteArrayInputStream(bytes), password.toCharArray());
      for (String alias : Collections.list(source.aliases())) {
        if (source.isKeyEntry(alias)) {
          PrivateKey key = (PrivateKey) source.getKey(alias, password.toCharArray());
          Certificate[] chain = source.getCertificateChain(alias);
          // only this entry: a keystore with several keys must not let the JDK pick another
          KeyStore store = KeyStore.getInstance("PKCS12");
          store.load(null, null);
          store.setKeyEntry("syslog", key, password.toCharArray(), chain);
          return new Identity(store, password.toCharArray(), (X509Certificate) chain[0]);
        }
      }
      throw new TlsSetupException(file + ": keystore holds no private key entry");
    } catch (IOException e) {
      throw new TlsSetupException(
          file + ": not a PKCS#12 keystore, or the password is wrong: " + e.getMessage(), e);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new TlsSetupException(file + ": cannot read the key: " + e.getMessage(), e);
    }
  }

  /** All certificates of a PEM (or DER) file, in file order; at least one. */
  static List<X509Certificate> certificates(Path file) {
    byte[] bytes = read(file);
    List<X509Certificate> certs = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsSetupException(file + ": not a PEM certificate file: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new TlsSetupException(file + ": holds no certificate");
    }
    return certs;
  }

  /** Fingerprints, one per line; blank lines and {@code #} comments are skipped. */
  static List<String> fingerprints(Path file) {
    String text = new String(read(file), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      String entry = line.replaceFirst("#.*", "").strip();
      if (!entry.isEmpty()) {
        try {
          out.add(Fingerprints.normalize(entry));
        } catch (IllegalArgumentException e) {
          throw new TlsSetupException(file + ": line " + lineNumber + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static PrivateKey privateKey(Path file) {
    Matcher m = PRIVATE_KEY.matcher(new String(read(file), StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new TlsSetupException(file + ": no PEM block (-----BEGIN PRIVATE KEY-----) found");
    }
    if (!m.group(1).equals("PRIVATE KEY")) {
      throw new TlsSetupException(
          file
              + ": holds a '"
              + m.group(1)
              + "'; expected an unencrypted PKCS#8 'PRIVATE KEY'"
              + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new TlsSetupException(file + ": PEM body is not Base64", e);
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // another algorithm's key; the next one may read it
      }
    }
    throw new TlsSetupException(file + ": not an RSA, EC or Ed25519 PKCS#8 private key");
  }

  /** Proves the key belongs to the certificate: a signature made with it verifies. */
  private static void requireMatch(PrivateKey key, PublicKey pub, Path certFile, Path keyFile) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> key.getAlgorithm();
        };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(challenge);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's: reported below
    }
    throw new TlsSetupException(
        keyFile + ": private key does not match the certificate in " + certFile);
  }

  private static byte[] read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new TlsSetupException(file + ": does not exist or is not a file");
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new TlsSetupException(
            file + ": size " + size + " bytes exceeds limit " + MAX_FILE_BYTES);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsSetupException(file + ": cannot read: " + e, e);
    }
  }
}
