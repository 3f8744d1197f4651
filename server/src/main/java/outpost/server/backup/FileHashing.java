package outpost.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, and copies that hash what they write. Stateless. */
final class FileHashing {
  private static final int BUFFER_BYTES = 1 << 16;

  private FileHashing() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The SHA-256 of {@code file}, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Copies the first {@code length} bytes of {@code in} to {@code out}, feeding them to {@code
   * digest}.
   *
   * @throws IOException when {@code in} ends before {@code length} bytes
   */
  static void copy(InputStream in, OutputStream out, long length, MessageDigest digest, Path from)
      throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException(from + " ended " + left + " bytes short of " + length);
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
