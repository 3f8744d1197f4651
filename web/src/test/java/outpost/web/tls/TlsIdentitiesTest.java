package outpost.web.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentitiesTest {
  @TempDir Path dir;

  @Test
  void loadsRsaAndEcPemPairs() throws IOException, KeyStoreException {
    OpenSsl.selfSigned(dir, "rsa", "rsa:2048");
    OpenSsl.selfSigned(dir, "ec", "ec");

    TlsIdentity rsa = TlsIdentities.fromPem(dir.resolve("rsa.crt"), dir.resolve("rsa.key"));
    TlsIdentity ec = TlsIdentities.fromPem(dir.resolve("ec.crt"), dir.resolve("ec.key"));

    assertThat(rsa.keyStore().isKeyEntry(TlsIdentities.ALIAS)).isTrue();
    assertThat(ec.keyStore().getCertificate(TlsIdentities.ALIAS).getPublicKey().getAlgorithm())
        .isEqualTo("EC");
    assertThat(rsa.toString()).doesNotContain(rsa.password());
  }

  @Test
  void refusesAKeyThatDoesNotMatchTheCertificate() throws IOException {
    OpenSsl.selfSigned(dir, "a", "rsa:2048");
    OpenSsl.selfSigned(dir, "b", "rsa:2048");

    assertThatThrownBy(() -> TlsIdentities.fromPem(dir.resolve("a.crt"), dir.resolve("b.key")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessage(
            dir.resolve("b.key")
                + ": private key does not match the first certificate in "
                + dir.resolve("a.crt"));
  }

  @Test
  void namesTheFileAndReasonForBadPem() throws IOException {
    OpenSsl.selfSigned(dir, "a", "rsa:2048");
    OpenSsl.run(dir, "genrsa", "-traditional", "-out", "pkcs1.key", "2048");
    Files.writeString(dir.resolve("junk.crt"), "not a certificate");

    assertThatThrownBy(() -> TlsIdentities.fromPem(dir.resolve("a.crt"), dir.resolve("pkcs1.key")))
        .hasMessageStartingWith(dir.resolve("pkcs1.key") + ": holds 'RSA PRIVATE KEY'")
        .hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> TlsIdentities.fromPem(dir.resolve("junk.crt"), dir.resolve("a.key")))
        .hasMessageStartingWith(dir.resolve("junk.crt") + ": ");
    assertThatThrownBy(() -> TlsIdentities.fromPem(dir.resolve("a.crt"), dir.resolve("none.key")))
        .hasMessageStartingWith(dir.resolve("none.key") + ": cannot read");
  }

  @Test
  void loadsPkcs12AndRefusesAWrongPassword() throws IOException {
    OpenSsl.selfSigned(dir, "a", "ec");
    OpenSsl.pkcs12(dir, "a", "store secret");

    TlsIdentity identity = TlsIdentities.fromPkcs12(dir.resolve("a.p12"), "store secret");

    assertThat(identity.description()).isEqualTo(dir.resolve("a.p12").toString());
    assertThatThrownBy(() -> TlsIdentities.fromPkcs12(dir.resolve("a.p12"), "hunter2-guess"))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageStartingWith(dir.resolve("a.p12") + ": not a PKCS#12 keystore, or the password")
        .hasMessageNotContaining("hunter2-guess");
  }
}
