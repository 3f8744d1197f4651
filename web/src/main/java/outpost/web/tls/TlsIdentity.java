package outpost.web.tls;

import java.security.KeyStore;
import java.util.Objects;

/**
 * The web server's certificate chain and private key, loaded into an in-memory {@link KeyStore}
 * under one alias, with the password that unlocks the key there. Built by {@link TlsIdentities};
 * used by {@link HttpsConnector}. Immutable once built; never prints its password.
 */
public record TlsIdentity(KeyStore keyStore, String password, String description) {
  public TlsIdentity {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + description + "]";
  }
}
