package outpost.ingest.transport.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where the listener's certificate and private key come from. Immutable. */
public sealed interface KeyMaterial {
  /** The files to watch for changes. */
  List<Path> files();

  /**
   * A PEM certificate chain (leaf first) and an unencrypted PKCS#8 private key (RSA, EC or
   * Ed25519).
   */
  record Pem(Path certificate, Path privateKey) implements KeyMaterial {
    public Pem {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public List<Path> files() {
      return List.of(certificate, privateKey);
    }
  }

  /** A PKCS#12 keystore; its first key entry is used. {@link #toString()} hides the password. */
  record Pkcs12(Path keystore, String password) implements KeyMaterial {
    public Pkcs12 {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public List<Path> files() {
      return List.of(keystore);
    }

    @Override
    public String toString() {
      return "Pkcs12[keystore=" + keystore + ", password=(hidden)]";
    }
  }
}
