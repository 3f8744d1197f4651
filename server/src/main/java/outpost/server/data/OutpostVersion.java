package outpost.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this Outpost build, from the resource Maven filters at build time. Stateless. */
public final class OutpostVersion {
  private static final String RESOURCE = "/outpost/server/version.properties";

  private OutpostVersion() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource was not filtered. */
  public static String current() {
    try (InputStream in = OutpostVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
