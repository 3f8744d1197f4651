package outpost.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser UI's files, read once from the classpath into memory: the page shells ({@code
 * outpost/ui/pages/NAME.html}, each framed by {@code pages/_layout.html} but the login page) and
 * the static assets listed in {@code outpost/ui/assets.list} (paths under {@code
 * outpost/ui/assets/}). The {@link #version()} is a hash over every asset, so pages reference
 * {@code /ui/VERSION/...} and browsers may cache assets for a year; ES module imports are relative
 * and so carry the version along. Only listed files are ever served, so a request path never
 * reaches the class loader. Immutable and thread-safe.
 */
public final class UiAssets {
  /** Where the UI lives on the classpath. */
  public static final String ROOT = "outpost/ui/";

  /** The URL prefix of assets, followed by the version. */
  public static final String URL_PREFIX = "/ui/";

  /** The manifest; one asset path per line. */
  static final String MANIFEST = ROOT + "assets.list";

  /** Page shells, by name (the file {@code pages/NAME.html}). */
  public static final List<String> PAGES =
      List.of(
          "login",
          "overview",
          "search",
          "event",
          "tail",
          "hosts",
          "dashboard",
          "admin",
          "checks",
          "check",
          "notifications");

  /**
   * Pages with {@code {{NAME}}} values filled in per request ({@link #page(String, Map)}): {@code
   * elsewhere} stands in for the alert pages on a node that does not run the alerts.
   */
  public static final List<String> TEMPLATE_PAGES = List.of("elsewhere");

  /** The frame every page but the login page is rendered into ({@code pages/_layout.html}). */
  static final String LAYOUT = "_layout";

  private static final Pattern TITLE_LINE =
      Pattern.compile("<!-- title: ([^(>]+)(?:\\([^)]*\\))? -->\n");

  private static final Pattern ASSET_PATH =
      Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.(js|css|svg|png|ico)");
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  /** One static file. */
  public record Asset(byte[] body, String contentType) {}

  private final Map<String, Asset> assets;
  private final Map<String, byte[]> pages;
  private final String version;

  private UiAssets(Map<String, Asset> assets, Map<String, byte[]> pages, String version) {
    this.assets = Map.copyOf(assets);
    this.pages = Map.copyOf(pages);
    this.version = version;
  }

  /**
   * Loads everything from the class loader of this class.
   *
   * @throws UncheckedIOException when the manifest, a listed asset or a page is missing
   */
  public static UiAssets load() {
    ClassLoader loader = UiAssets.class.getClassLoader();
    String manifest = new String(read(loader, MANIFEST), StandardCharsets.UTF_8);
    Map<String, Asset> assets = new HashMap<>();
    MessageDigest digest = sha256();
    for (String line : manifest.split("\n")) {
      String path = line.strip();
      if (path.isEmpty() || path.startsWith("#")) {
        continue;
      }
      if (!ASSET_PATH.matcher(path).matches()) {
        throw new IllegalStateException(
            "asset path '" + path + "' in " + MANIFEST + " not allowed");
      }
      byte[] body = read(loader, ROOT + "assets/" + path);
      digest.update(path.getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      assets.put(path, new Asset(body, CONTENT_TYPES.get(extension(path))));
    }
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    Map<String, byte[]> pages = new HashMap<>();
    String layout = text(loader, ROOT + "pages/" + LAYOUT + ".html");
    for (String page : concat(PAGES, TEMPLATE_PAGES)) {
      String html = shell(page, text(loader, ROOT + "pages/" + page + ".html"), layout);
      // Every asset reference in a shell is written "/ui/PATH"; pin it to this version.
      String pinned = html.replace("\"" + URL_PREFIX, "\"" + URL_PREFIX + version + "/");
      pages.put(page, pinned.getBytes(StandardCharsets.UTF_8));
    }
    return new UiAssets(assets, pages, version);
  }

  /**
   * The whole page: a file that is a document of its own (the login page) as it is; any other file
   * holds only its {@code <main>} after a first line {@code <!-- title: TITLE ... -->}, and goes
   * into {@link #LAYOUT} (head, navigation, banner) with its title, name and script.
   */
  static String shell(String page, String file, String layout) {
    if (file.startsWith("<!doctype")) {
      return file;
    }
    var title = TITLE_LINE.matcher(file);
    if (!title.lookingAt()) {
      throw new IllegalStateException(
          "page " + page + " starts neither with <!doctype nor with <!-- title: ... -->");
    }
    return layout
        .replace("{{TITLE}}", title.group(1).strip())
        .replace("{{PAGE}}", page)
        .replace("{{MAIN}}", file.substring(title.end()));
  }

  /** The hash of all assets, 12 hex digits. */
  public String version() {
    return version;
  }

  /** The asset at {@code path} (relative to the assets folder), if listed. */
  public Optional<Asset> asset(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  /** The HTML of page {@code name}, with asset references pinned to {@link #version()}. */
  public byte[] page(String name) {
    byte[] html = TEMPLATE_PAGES.contains(name) ? null : pages.get(name);
    if (html == null) {
      throw new IllegalArgumentException("no page '" + name + "'; pages are " + PAGES);
    }
    return html.clone();
  }

  /**
   * The HTML of template page {@code name} with each {@code {{KEY}}} replaced by its value,
   * HTML-escaped.
   *
   * @throws IllegalArgumentException when it is not a template page or a value is missing
   */
  public byte[] page(String name, Map<String, String> values) {
    if (!TEMPLATE_PAGES.contains(name)) {
      throw new IllegalArgumentException("no template page '" + name + "'");
    }
    String html = new String(pages.get(name), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> v : values.entrySet()) {
      html = html.replace("{{" + v.getKey() + "}}", escape(v.getValue()));
    }
    int open = html.indexOf("{{");
    if (open >= 0) {
      throw new IllegalArgumentException(
          "page " + name + ": no value for " + html.substring(open, html.indexOf("}}", open) + 2));
    }
    return html.getBytes(StandardCharsets.UTF_8);
  }

  /** Text or an attribute value in HTML: {@code & < > " '} escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String extension(String path) {
    return path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  private static String text(ClassLoader loader, String resource) {
    return new String(read(loader, resource), StandardCharsets.UTF_8);
  }

  private static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing UI resource " + resource));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read UI resource " + resource, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
