package outpost.ingest.syslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads test fixtures from the classpath ({@code src/test/resources/fixtures}). */
public final class Fixtures {
  private Fixtures() {}

  /** The bytes of {@code fixtures/<name>}, failing clearly when it is missing. */
  public static byte[] bytes(String name) {
    String resource = "fixtures/" + name;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of the fixture directory {@code fixtures/<name>}. */
  public static Path directory(String name) {
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource directory fixtures/" + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The lines of a fixture as raw bytes, split at LF; a CR before the LF (the loghub files use
   * CRLF) is dropped; a last line without LF counts.
   */
  public static List<byte[]> lines(String name) {
    byte[] all = bytes(name);
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i == all.length && start == i) {
          break;
        }
        int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
        lines.add(Arrays.copyOfRange(all, start, end));
        start = i + 1;
      }
    }
    return lines;
  }

  /** The lines of a UTF-8 fixture as text. */
  public static List<String> textLines(String name) {
    return lines(name).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  /**
   * Undoes the escapes used in fixture files: {@code \t}, {@code \n}, {@code \r}, {@code \\} and
   * {@code \xNN} (one raw byte, for invalid UTF-8). Returns bytes, as frames are bytes.
   */
  public static byte[] unescape(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        plain.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 't' -> plain.append('\t');
        case 'n' -> plain.append('\n');
        case 'r' -> plain.append('\r');
        case '\\' -> plain.append('\\');
        case 'x' -> {
          out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
          plain.setLength(0);
          out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> plain.append('\\').append(next);
      }
    }
    out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** {@link #unescape} as UTF-8 text. */
  public static String unescapeText(String text) {
    return new String(unescape(text), StandardCharsets.UTF_8);
  }
}
