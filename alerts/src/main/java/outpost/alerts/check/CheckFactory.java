package outpost.alerts.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds checks from a kind name and its flat string parameters, as written in the checks file
 * (every kind and parameter is documented in {@code alerts/CHECKS.md}). Every problem, including a
 * parameter the kind does not know, is a {@link CheckConfigException} naming the parameter.
 * Thread-safe; the HTTP clients it shares between checks live as long as it does.
 */
public final class CheckFactory {
  private static final Map<String, Set<String>> KINDS = kindParams();
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|token|secret|authorization|api_?key|credential).*");
  private static final Pattern SECRET_HEADER =
      Pattern.compile(
          "(?i)\\s*(authorization|proxy-authorization|cookie|x-[a-z-]*(token|key|secret)[a-z-]*)\\s*:.*");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)[^/@\\s]*@");
  private static final String MASK = "****";

  private final CheckEnvironment env;
  private final HttpClients clients = new HttpClients();

  public CheckFactory(CheckEnvironment env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  private static Map<String, Set<String>> kindParams() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("http", HttpCheck.PARAMS);
    m.put("https", HttpCheck.HTTPS_PARAMS);
    m.put("tcp", TcpCheck.PARAMS);
    m.put("ping", PingCheck.PARAMS);
    m.put("plugin", PluginCheck.PARAMS);
    m.put("log", LogCheck.PARAMS);
    m.put("freshness", FreshnessCheck.PARAMS);
    m.put("passive", PassiveCheck.PARAMS);
    m.put("self", SelfCheck.PARAMS);
    m.put("peer", PeerCheck.PARAMS);
    return Map.copyOf(m);
  }

  /** Every kind name this factory builds. */
  public static Set<String> kinds() {
    return new TreeSet<>(KINDS.keySet());
  }

  /** The parameter names {@code kind} accepts; empty for an unknown kind. */
  public static Set<String> params(String kind) {
    return new TreeSet<>(KINDS.getOrDefault(kind, Set.of()));
  }

  /**
   * Builds a check of {@code kind} for {@code target}.
   *
   * @throws CheckConfigException naming the parameter ({@code kind} for an unknown kind) and why
   */
  public Check create(String kind, Map<String, String> params, CheckTarget target) {
    Objects.requireNonNull(target, "target");
    String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
    Set<String> known = KINDS.get(k);
    if (known == null) {
      throw new CheckConfigException(
          "kind", "\"" + kind + "\" is not a check kind (known: " + kinds() + ")");
    }
    Params p = new Params(k, params == null ? Map.of() : params, target, known);
    return switch (k) {
      case "http", "https" -> new HttpCheck(p, clients, env.clock());
      case "tcp" -> new TcpCheck(p, env.clock());
      case "ping" -> new PingCheck(p, env.clock());
      case "plugin" -> new PluginCheck(p, env.clock());
      case "log" -> new LogCheck(p, env);
      case "freshness" -> new FreshnessCheck(p, env);
      case "passive" -> new PassiveCheck(p, env);
      case "self" -> new SelfCheck(p, env);
      case "peer" -> new PeerCheck(p, clients, env.clock());
      default -> throw new IllegalStateException("kind " + k + " has parameters but no builder");
    };
  }

  /**
   * The parameters safe to display: values of parameters named like a secret (password, token,
   * secret, authorization, api key) become {@code ****}, as do secret header values in {@code
   * headers} and a password in a URL's user info.
   */
  public static Map<String, String> redacted(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach(
        (name, value) -> {
          if (value == null) {
            out.put(name, null);
          } else if (SECRET_NAME.matcher(name).matches()) {
            out.put(name, MASK);
          } else if (name.equals("headers")) {
            out.put(name, redactHeaders(value));
          } else {
            out.put(name, URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@"));
          }
        });
    return out;
  }

  private static String redactHeaders(String headers) {
    StringBuilder b = new StringBuilder();
    for (String line : headers.split("\\R", -1)) {
      if (!b.isEmpty()) {
        b.append('\n');
      }
      b.append(
          SECRET_HEADER.matcher(line).matches()
              ? line.substring(0, line.indexOf(':') + 1) + " " + MASK
              : line);
    }
    return b.toString();
  }
}
