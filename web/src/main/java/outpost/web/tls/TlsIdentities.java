package outpost.web.tls;

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
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a {@link TlsIdentity} with JDK APIs only: from PEM files (a certificate chain, leaf first,
 * and an unencrypted PKCS#8 RSA or EC private key that must match the leaf) or from a PKCS#12
 * keystore. Every failure is a {@link TlsConfigException} naming the file and the reason.
 * Stateless.
 */
public final class TlsIdentities {
  /** Certificate and key files are small; anything larger is not one. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  static final String ALIAS = "outpost";

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private TlsIdentities() {}

  /** Loads a PEM certificate chain and PKCS#8 private key. */
  public static TlsIdentity fromPem(Path certificateFile, Path privateKeyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(privateKeyFile);
    checkPair(key, chain.get(0).getPublicKey(), certificateFile, privateKeyFile);
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
      return new TlsIdentity(store, password, certificateFile + " + " + privateKeyFile);
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException(privateKeyFile + ": cannot store the key: " + e.getMessage(), e);
    }
  }

  /** Loads a PKCS#12 keystore; the key is taken from its first key entry. */
  public static TlsIdentity fromPkcs12(Path keystoreFile, String password) {
    byte[] bytes = read(keystoreFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), password.toCharArray());
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          store.getKey(alias, password.toCharArray()); // proves the key password too
          return new TlsIdentity(store, password, keystoreFile.toString());
        }
      }
      throw new TlsConfigException(keystoreFile + ": keystore holds no private key entry");
    } catch (IOException e) {
      throw new TlsConfigException(
          keystoreFile + ": not a PKCS#12 keystore, or the password is wrong: " + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException(keystoreFile + ": cannot read the key: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    byte[] bytes = read(file);
    List<X509Certificate> chain;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      chain =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new TlsConfigException(file + ": holds no certificate");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    Matcher m = PEM_BLOCK.matcher(text);
    if (!m.find()) {
      throw new TlsConfigException(file + ": no PEM block (-----BEGIN PRIVATE KEY-----) found");
    }
    String type = m.group(1);
    if (!type.equals("PRIVATE KEY")) {
      throw new TlsConfigException(
          file
              + ": holds '"
              + type
              + "'; expected an unencrypted PKCS#8 'PRIVATE KEY'"
              + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new TlsConfigException(file + ": PEM body is not Base64", e);
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new TlsConfigException(file + ": not an RSA or EC PKCS#8 private key");
  }

  private static void checkPair(PrivateKey key, PublicKey pub, Path certFile, Path keyFile) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
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
    throw new TlsConfigException(
        keyFile + ": private key does not match the first certificate in " + certFile);
  }

  private static byte[] read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new TlsConfigException(file + ": size " + size + " exceeds limit " + MAX_FILE_BYTES);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsConfigException(file + ": cannot read: " + e, e);
    }
  }
}
